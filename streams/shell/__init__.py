"""The imperative shell: everything that touches Kafka, processes, the network or the terminal."""
