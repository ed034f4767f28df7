"""Customers: one row per (channel, channel identity)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from storage._base import TxBase
from storage.models import Customer
from storage.records import CustomerRecord, customer_from_row


class CustomerQueries(TxBase):
    __slots__ = ()

    async def get_or_create_customer(
        self,
        channel: str,
        external_ref: str,
        *,
        display_name: str | None = None,
        locale: str | None = None,
        now: datetime,
    ) -> CustomerRecord:
        """Return the customer known by ``external_ref`` on ``channel``, creating it if new.

        An existing customer is returned unchanged, whatever ``display_name`` and ``locale``.
        """
        statement = (
            self._upsert_insert(Customer)
            .values(
                channel=channel,
                external_ref=external_ref,
                display_name=display_name,
                locale=locale,
                created_at=now,
            )
            .on_conflict_do_nothing(index_elements=["channel", "external_ref"])
            .returning(*Customer.__table__.c)
        )
        row = (await self._conn.execute(statement)).first()
        if row is None:
            query = select(Customer).where(
                Customer.channel == channel, Customer.external_ref == external_ref
            )
            row = (await self._conn.execute(query)).one()
        return customer_from_row(row)

    async def customer(self, customer_id: int) -> CustomerRecord | None:
        row = (await self._conn.execute(select(Customer).where(Customer.id == customer_id))).first()
        return None if row is None else customer_from_row(row)

    async def find_customer(self, channel: str, external_ref: str) -> CustomerRecord | None:
        """The customer known by ``external_ref`` on ``channel``, without creating one."""
        query = select(Customer).where(
            Customer.channel == channel, Customer.external_ref == external_ref
        )
        row = (await self._conn.execute(query)).first()
        return None if row is None else customer_from_row(row)

    async def set_customer_phone(self, customer_id: int, phone: str) -> None:
        """Keep the phone number the customer gave, for staff to call back (personal data)."""
        await self._conn.execute(
            update(Customer).where(Customer.id == customer_id).values(phone=phone)
        )
