"""Channel adapters: each turns platform updates into ``Inbound`` and delivers ``Reply``."""

from bot.channels.base import ChannelSender, DeliveryError

__all__ = ["ChannelSender", "DeliveryError"]
