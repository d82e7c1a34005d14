"""The embedded broker between two processes: a consumer polling while a
producer writes never sees a half-written message, and one unreadable file
does not stop consumption."""

import logging
import multiprocessing
import time

from kombu import Connection

TRANSPORT = "core.broker:Transport"


def connect(folder, transport=TRANSPORT):
    options = {
        "data_folder_in": str(folder),
        "data_folder_out": str(folder),
        "store_processed": False,
    }
    return Connection("filesystem://", transport=transport, transport_options=options)


def produce(folder, count):
    with connect(folder) as conn:
        queue = conn.SimpleQueue("celery")
        for i in range(count):
            queue.put({"i": i, "pad": "x" * 20_000})


def test_a_consumer_polling_during_writes_gets_every_message_whole(tmp_path):
    # kombu's own transport loses several of these to empty reads on this machine
    count = 2000
    producer = multiprocessing.get_context("spawn").Process(target=produce, args=(tmp_path, count))
    producer.start()
    received = []
    with connect(tmp_path) as conn:
        queue = conn.SimpleQueue("celery")
        deadline = time.monotonic() + 120
        while len(received) < count and time.monotonic() < deadline:
            try:  # poll as fast as we can: the race is between create and write
                message = queue.get(timeout=0.01)
            except queue.Empty:
                continue
            received.append(message.payload["i"])
            message.ack()
    producer.join(timeout=30)
    assert producer.exitcode == 0
    # order is by millisecond only (as in kombu): within one, any order
    assert sorted(received) == list(range(count))
    assert not list(tmp_path.glob("*.part"))


def test_an_unreadable_message_is_dropped_and_the_next_one_delivered(tmp_path, caplog):
    # names sort as text: "0_" comes before any millisecond stamp, so this is read first
    (tmp_path / "0_broken.celery.msg").write_bytes(b"")
    with connect(tmp_path) as conn:
        queue = conn.SimpleQueue("celery")
        queue.put({"ok": True})
        with caplog.at_level(logging.ERROR, logger="core.broker"):
            message = queue.get(timeout=2)
        assert message.payload == {"ok": True}
        message.ack()
        assert "unreadable message" in caplog.text
        assert not list(tmp_path.glob("*.msg"))
