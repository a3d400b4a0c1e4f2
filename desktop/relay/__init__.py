"""The aiohttp relay: HTTP routes, static assets and the two room sockets."""
