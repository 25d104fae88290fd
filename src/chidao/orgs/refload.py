"""Loads the reference bodies and administrative units (idempotent: run it as often as you like).

Administrative units come from the ``vietnamadminunits`` package: the legacy province,
district and communes, and the 2025 communes that succeeded them.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources

import yaml
from django.db import transaction

from chidao.core import audit
from chidao.core.access import require
from chidao.orgs import services
from chidao.orgs.models import AdministrativeUnit, CommitteeTerm, Organization, OrganizationKind

Level = AdministrativeUnit.Level
Scheme = AdministrativeUnit.Scheme


def load_spec(name: str = "lang_son.yaml") -> dict:
    return yaml.safe_load(resources.files("chidao.orgs.refdata").joinpath(name).read_text("utf-8"))


def legacy_district_rows(province: str, district: str) -> list[dict]:
    from vietnamadminunits.database import query

    def quoted(text: str) -> str:
        return text.replace("'", "''")

    return query(
        "SELECT provinceCode, province, districtCode, district, wardCode, ward "
        f"FROM admin_units_legacy WHERE provinceShort = '{quoted(province)}' "
        f"AND districtShort = '{quoted(district)}' ORDER BY wardCode"
    )


def converted_ward(row: dict):
    """The 2025 unit that a legacy commune became."""
    from vietnamadminunits import convert_address

    return convert_address(f"{row['ward']}, {row['district']}, {row['province']}")


def _unit(actor, *, scheme, level, code, name, parent=None) -> AdministrativeUnit:
    unit = AdministrativeUnit.objects.filter(scheme=scheme, level=level, code=code).first()
    if unit is None:
        unit = AdministrativeUnit.objects.create(
            scheme=scheme, level=level, code=code, name=name, parent=parent
        )
        audit.record(actor, "adminunit.import", unit)
    return unit


@transaction.atomic
def load_reference_data(actor, spec: dict | None = None) -> dict[str, int]:
    """Create what is missing of the reference bodies; returns counts of what was created."""
    require(actor, "org.manage")
    spec = spec or load_spec()
    created = {"organizations": 0, "admin_units": 0, "terms": 0}
    units_before = AdministrativeUnit.objects.count()

    rows = legacy_district_rows(spec["province"], spec["district"])
    if not rows:
        raise ValueError(
            f"vietnamadminunits has no district {spec['district']} in {spec['province']}"
        )
    first = rows[0]
    province = _unit(
        actor,
        scheme=Scheme.LEGACY,
        level=Level.PROVINCE,
        code=first["provinceCode"],
        name=first["province"],
    )
    district = _unit(
        actor,
        scheme=Scheme.LEGACY,
        level=Level.DISTRICT,
        code=first["districtCode"],
        name=first["district"],
        parent=province,
    )
    new_province = None
    successor_units: dict[str, AdministrativeUnit] = {}
    for row in rows:
        commune = _unit(
            actor,
            scheme=Scheme.LEGACY,
            level=Level.COMMUNE,
            code=row["wardCode"],
            name=row["ward"],
            parent=district,
        )
        new = converted_ward(row)
        if new_province is None:
            new_province = _unit(
                actor,
                scheme=Scheme.FROM_2025,
                level=Level.PROVINCE,
                code=new.province_code,
                name=new.province,
            )
        successor = _unit(
            actor,
            scheme=Scheme.FROM_2025,
            level=Level.COMMUNE,
            code=new.ward_code,
            name=new.ward,
            parent=new_province,
        )
        commune.successors.add(successor)
        successor_units[successor.code] = successor
    district.successors.add(*successor_units.values())
    created["admin_units"] = AdministrativeUnit.objects.count() - units_before

    by_key: dict[str, Organization] = {}
    for item in spec["organizations"]:
        org = Organization.objects.filter(name=item["name"]).first()
        if org is None:
            unit = {"province": province, "district": district}.get(item.get("unit"))
            org = services.do_create_organization(
                actor,
                name=item["name"],
                short_name=item.get("short_name", ""),
                kind=item["kind"],
                system=item["system"],
                symbol=item.get("symbol", ""),
                parent=by_key.get(item.get("parent")),
                admin_unit=unit,
            )
            created["organizations"] += 1
        by_key[item["key"]] = org

    for term in spec.get("terms", []):
        org = by_key[term["org"]]
        if not CommitteeTerm.objects.filter(organization=org, name=term["name"]).exists():
            services.do_create_term(
                actor, org, name=term["name"], starts=term["starts"], ends=term.get("ends")
            )
            created["terms"] += 1

    district_committee = next(
        o
        for o in by_key.values()
        if o.kind == OrganizationKind.PARTY_COMMITTEE and o.admin_unit_id == district.pk
    )
    created["organizations"] += _succeed_district(
        actor, spec, by_key, district_committee, successor_units
    )
    return created


def _commune_body(
    actor,
    by_key,
    unit: AdministrativeUnit,
    *,
    prefix: str,
    kind: str,
    system: str,
    symbol: str,
    parent_key: str,
    valid_from: dt.date,
):
    """The body of a 2025 commune ("Đảng ủy xã Cao Lộc", "UBND xã Cao Lộc"): found or made."""
    kind_word, place = unit.name.split(" ", 1)  # "Xã" / "Phường", then the place name
    name = f"{prefix} {kind_word.lower()} {place}"
    org = Organization.objects.filter(name=name).first()
    if org is not None:
        return org, False
    org = services.do_create_organization(
        actor,
        name=name,
        short_name=prefix,
        kind=kind,
        system=system,
        symbol=symbol,
        parent=by_key[parent_key],
        admin_unit=unit,
        valid_from=valid_from,
    )
    return org, True


def _succeed_district(actor, spec, by_key, committee: Organization, successor_units) -> int:
    """Create the communes' Party committees and end the district bodies in their favour."""
    ended_on: dt.date = spec["district_ended"]
    starts = ended_on + dt.timedelta(days=1)
    made = 0
    party_successors = []
    for unit in sorted(successor_units.values(), key=lambda u: u.name):
        org, was_made = _commune_body(
            actor,
            by_key,
            unit,
            prefix="Đảng ủy",
            kind=OrganizationKind.PARTY_COMMITTEE,
            system="party",
            symbol="ĐU",
            parent_key="tu",
            valid_from=starts,
        )
        made += was_made
        party_successors.append(org)
    heir_unit = next(
        (u for u in successor_units.values() if u.name.endswith(spec["open_work_successor"])),
        party_successors[0].admin_unit,
    )
    party_heir = next(o for o in party_successors if o.admin_unit_id == heir_unit.pk)
    state_heir, was_made = _commune_body(
        actor,
        by_key,
        heir_unit,
        prefix="UBND",
        kind=OrganizationKind.PEOPLES_COMMITTEE,
        system="state",
        symbol="UBND",
        parent_key="ubnd_tinh",
        valid_from=starts,
    )
    made += was_made
    for item in spec["organizations"]:
        if "valid_to" not in item:
            continue
        org = by_key[item["key"]]
        org.refresh_from_db()
        if org.valid_to is not None:
            continue
        heir = state_heir if org.system == "state" else party_heir
        services.do_succeed_organization(
            actor,
            org,
            ended_on=item["valid_to"],
            successors=party_successors if org.pk == committee.pk else [heir],
            open_work_to=heir,
            note="Sắp xếp đơn vị hành chính, không tổ chức cấp huyện từ 01/7/2025",
        )
    return made
