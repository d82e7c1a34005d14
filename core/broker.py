"""The embedded broker: kombu's filesystem transport, safe between two processes.

kombu writes a message in place (create the file, lock it, write) while the
consumer claims files without the lock, so a worker polling at that instant
reads an empty file; the JSON error escapes the consumer loop and Celery stops
the worker ("Unrecoverable error"), leaving every later run queued for good.
Here a message is written under a name consumers ignore and renamed into place
(atomic within one folder), and a message that still cannot be read is logged
and dropped instead of stopping the worker.
"""

from __future__ import annotations

import logging
import os
import uuid
from time import monotonic

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps

log = logging.getLogger(__name__)


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        # Same name scheme as kombu (sorted by time); consumers match "<queue>.msg"
        # after the first dot, so the ".part" file is invisible until renamed.
        name = f"{int(round(monotonic() * 1000))}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        partial = final + ".part"
        try:
            with open(partial, "wb") as f:
                f.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as exc:
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc

    def _get(self, queue):
        while True:  # each failed read has already removed its file: this ends
            try:
                return super()._get(queue)
            except ValueError:
                log.error("dropped an unreadable message from queue %r", queue)


class Transport(filesystem.Transport):
    Channel = Channel
