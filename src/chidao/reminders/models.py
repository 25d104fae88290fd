"""Reminder rules, notifications and deliveries (see docs/reminders.md)."""
