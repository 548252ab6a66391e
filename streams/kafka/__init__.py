"""Kafka clients: publish and read, topic admin, connection diagnosis, error classes.

Imports the core and aiokafka, never faust; the worker and the commands build on it.
"""
