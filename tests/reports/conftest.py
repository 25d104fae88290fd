"""The Cao Lộc demo records (``chidao.demo.dataset``), loaded through the services."""

from __future__ import annotations

import pytest


@pytest.fixture
def demo(db):
    from chidao.core.actors import system_actor
    from chidao.demo.dataset import load_demo_dataset
    from chidao.documents.services import load_document_types
    from chidao.orgs.models import Organization
    from chidao.orgs.refload import load_reference_data

    actor = system_actor()
    load_document_types(actor)
    load_reference_data(actor)
    load_demo_dataset(actor)
    return Organization.objects.get(name="Huyện ủy Cao Lộc")
