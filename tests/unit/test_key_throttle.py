from __future__ import annotations

import contextlib

import pytest

from desktop.key_throttle import (
    FIRST_WAIT_SECONDS,
    FREE_ATTEMPTS,
    KeyLockedOutError,
    KeyThrottle,
)

LAN = "192.168.1.50"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def guess(throttle: KeyThrottle, address: str, right: bool = False) -> bool:
    return throttle.check(address, lambda: right)


def test_an_address_off_this_machine_is_locked_out_even_for_the_right_key() -> None:
    clock = Clock()
    throttle = KeyThrottle(clock)
    for _ in range(FREE_ATTEMPTS):
        assert guess(throttle, LAN) is False
    with pytest.raises(KeyLockedOutError) as locked:
        guess(throttle, LAN, right=True)
    assert locked.value.seconds == FIRST_WAIT_SECONDS
    clock.now += FIRST_WAIT_SECONDS
    assert guess(throttle, LAN) is False  # the wait has passed: one more try, a longer wait
    with pytest.raises(KeyLockedOutError) as locked:
        guess(throttle, LAN)
    assert locked.value.seconds == 2 * FIRST_WAIT_SECONDS


def test_other_addresses_and_loopback_with_the_right_key_are_not_locked_out() -> None:
    throttle = KeyThrottle(Clock())
    for _ in range(FREE_ATTEMPTS + 3):
        with contextlib.suppress(KeyLockedOutError):
            guess(throttle, LAN)
        with contextlib.suppress(KeyLockedOutError):
            guess(throttle, "127.0.0.1")
    assert guess(throttle, "192.168.1.51", right=True) is True
    with pytest.raises(KeyLockedOutError):
        guess(throttle, "127.0.0.1")  # a wrong key from loopback is still slowed
    assert guess(throttle, "127.0.0.1", right=True) is True
    assert guess(throttle, "127.0.0.1") is False  # the right key clears the count
