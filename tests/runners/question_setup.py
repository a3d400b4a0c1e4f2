"""The question's schema and data, put in the room the way the host's box does it: a `set-setup`
event with the host key."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.support.relay_process import RelayProcess


def set_setup(page: Page, relay: RelayProcess, room: str, setup: str) -> None:
    """Sets the room's schema and data over a host socket of the page's own; waits until the
    page shows it."""
    page.evaluate(
        """([url, hello, setup]) => new Promise((resolve, reject) => {
            const socket = new WebSocket(url);
            socket.onopen = () => {
              socket.send(JSON.stringify({type: 'hello', payload: hello}));
              socket.send(JSON.stringify({type: 'set-setup', payload: {setup}}));
            };
            socket.onmessage = (event) => {
              const message = JSON.parse(event.data);
              if (message.type === 'error') reject(new Error(message.payload.message));
              if (message.type === 'question' && message.payload.setup === setup) {
                socket.close();
                resolve(null);
              }
            };
        })""",
        [
            f"{relay.ws_url}/ws/{room}/events",
            {"name": "Test tools", "host_key": relay.host_key},
            setup,
        ],
    )
    expect(page.get_by_test_id("setup")).to_have_text(setup.strip())
