"""A byte-level TLS terminator: TLS on 127.0.0.1:LISTEN, plain TCP to 127.0.0.1:UPSTREAM.

Nothing in the HTTP stream is rewritten (Host, request target and signatures pass as sent).
    usage: python tls_terminator.py CERT KEY LISTEN UPSTREAM
"""

import asyncio
import contextlib
import ssl
import sys


async def forward(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while chunk := await reader.read(65536):
            writer.write(chunk)
            await writer.drain()
    except (ConnectionError, ssl.SSLError):
        pass
    finally:
        with contextlib.suppress(Exception):
            writer.close()


async def serve(cert: str, key: str, listen: int, upstream: int) -> None:
    async def connect(
        client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter
    ) -> None:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", upstream)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(forward(client_reader, writer), forward(reader, client_writer))

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = await asyncio.start_server(connect, "127.0.0.1", listen, ssl=context)
    print(f"TLS 127.0.0.1:{listen} -> 127.0.0.1:{upstream}", flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(serve(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
