"""A local N-node KRaft cluster from the same Maven jars, for replication and failover tests.

Every node is broker and controller (the quickest quorum to start on one machine),
with fixed loopback ports so a killed node comes back as the same voter. The
internal topics and new topics get ``min(3, N)`` replicas with
``min.insync.replicas=2``: acks=all writes survive one node down.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from streams.dev.broker import LocalBroker, cluster_id, free_port, wait_ready
from streams.errors import BrokerError, WireError


def cluster_overrides(voters: str, size: int) -> dict[str, str]:
    """Properties shared by every node of a ``size``-node cluster."""
    rf = str(min(3, size))
    isr = str(min(2, size))
    return {
        "controller.quorum.voters": voters,
        "offsets.topic.replication.factor": rf,
        "transaction.state.log.replication.factor": rf,
        "transaction.state.log.min.isr": isr,
        "share.coordinator.state.topic.replication.factor": rf,
        "share.coordinator.state.topic.min.isr": isr,
        "default.replication.factor": rf,
        "min.insync.replicas": isr,
        "unclean.leader.election.enable": "false",
        # Workers started together join one first generation instead of rebalancing per worker.
        "group.initial.rebalance.delay.ms": "3000",
    }


def _distinct_ports(count: int) -> list[int]:
    ports: list[int] = []
    while len(ports) < count:
        port = free_port()
        if port not in ports:
            ports.append(port)
    return ports


@dataclass
class LocalCluster:
    """``size`` nodes under ``<home>/node<i>/kafka``, sharing one cluster id."""

    home: Path
    size: int = 3
    heap: str = "384m"
    nodes: list[LocalBroker] = field(init=False)

    def __post_init__(self) -> None:
        ports = _distinct_ports(2 * self.size)
        client, controller = ports[: self.size], ports[self.size :]
        voters = ",".join(f"{i + 1}@127.0.0.1:{p}" for i, p in enumerate(controller))
        shared = cluster_id()
        self.nodes = [
            LocalBroker(
                self.home / f"node{i + 1}",
                port=client[i],
                node_id=i + 1,
                heap=self.heap,
                overrides=cluster_overrides(voters, self.size),
                controller_port=controller[i],
                cluster=shared,
            )
            for i in range(self.size)
        ]

    @property
    def bootstrap(self) -> str:
        return ",".join(node.bootstrap for node in self.nodes)

    def start(self, timeout: float = 120.0) -> float:
        """Start every node at once (a lone node has no quorum) and wait for all to register."""
        began = time.monotonic()
        try:
            for node in self.nodes:
                if node.pid() is None:
                    node.launch()
            asyncio.run(wait_ready(self.bootstrap, timeout, brokers=self.size))
        except WireError as exc:
            tails = "\n".join(f"--- node {n.node_id} ---\n{n.log_tail(15)}" for n in self.nodes)
            self.stop()
            raise BrokerError(f"cluster did not start: {exc.message}\n{tails}") from exc
        return time.monotonic() - began

    def stop(self, graceful: bool = True) -> None:
        """Stop every node; ``graceful=False`` kills them (a throwaway test cluster).

        A graceful stop of the last nodes waits for a quorum that is gone once
        others are down, so throwaway clusters are better killed.
        """
        for node in self.nodes:
            with contextlib.suppress(Exception):
                node.stop() if graceful else node.kill()
            if not graceful:
                node.pid_path.unlink(missing_ok=True)

    def kill(self, node_id: int) -> None:
        """SIGKILL one node (1-based id)."""
        self.nodes[node_id - 1].kill()

    def restart(self, node_id: int, timeout: float = 90.0) -> float:
        """Start a stopped or killed node again with its data; returns seconds until ready."""
        return self.nodes[node_id - 1].start(timeout)
