"""Open data: the published symbioses and their results as JSON and CSV (fields in the README).

Numbers: whole numbers are integers (250000, not 250000.0), others keep their decimals; in the
CSV, booleans are `true`/`false` as in the JSON. The Excel variant (data-excel.csv) is the same
table as Danish Excel opens it with a double-click: `;` between fields, a decimal comma, UTF-8
with a byte order mark, lines ending in CRLF.
"""

import csv
from decimal import Decimal

from django.http import HttpResponse, JsonResponse

CSV_COLUMNS = [
    "symbiose_id", "titel", "url", "eksempel", "partner_a", "partner_a_type", "partner_b",
    "partner_b_type", "retning", "ressource", "dimensioner", "temagruppe", "status", "startdato",
    "investering_kr", "investering_betales_af", "aarlig_besparelse_kr", "besparelse_tilfalder",
    "tilbagebetalingstid_aar", "resultat_indikator", "resultat_vaerdi", "resultat_enhed",
    "resultat_aar", "resultat_baseline", "resultat_metode", "kilder",
]  # fmt: skip


def number(value):
    """An int for a whole number, else a float; None stays None."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def csv_value(value, decimal_comma=False):
    """What a CSV field says: true/false, numbers as in the JSON (comma for Excel), '' for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = repr(value)
        return text.replace(".", ",") if decimal_comma else text
    return str(value)


def partner_data(partner):
    if partner is None:
        return None
    return {"navn": partner.title, "type": partner.kind, "url": partner.full_url}


def symbiose_data(symbiose):
    return {
        "id": symbiose.pk,
        "titel": symbiose.title,
        "url": symbiose.full_url,
        "eksempel": symbiose.is_example,
        "partner_a": partner_data(symbiose.partner_a),
        "partner_b": partner_data(symbiose.partner_b),
        "retning": symbiose.flow or None,
        "ressource": symbiose.resource,
        "dimensioner": [str(dimension.value) for dimension in symbiose.dimensions],
        "temagruppe": symbiose.public_theme_group.title if symbiose.public_theme_group else None,
        "status": symbiose.status,
        "startdato": symbiose.start_date.isoformat() if symbiose.start_date else None,
        "business_case": {
            "investering_kr": number(symbiose.investment),
            "investering_betales_af": symbiose.investment_by or None,
            "aarlig_besparelse_kr": number(symbiose.yearly_saving),
            "besparelse_tilfalder": symbiose.saving_to or None,
            "tilbagebetalingstid_aar": number(symbiose.payback_years),
        },
        "resultater": [
            {
                "indikator": result.indicator,
                "vaerdi": number(result.value),
                "enhed": result.unit,
                "aar": result.year,
                "baseline": number(result.baseline),
                "metode": result.method or None,
            }
            for result in symbiose.results.all()
        ],
        "kilder": [
            {
                "titel": source.title,
                "url": source.url,
                "udgiver": source.publisher or None,
                "dato": source.date.isoformat() if source.date else None,
            }
            for source in symbiose.sources.all()
        ],
    }


def json_response(filters, symbioses):
    data = [symbiose_data(symbiose) for symbiose in symbioses]
    body = {"filtre": filters.as_dict(), "antal": len(data), "symbioser": data}
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 1})


def csv_rows(symbiose):
    data = symbiose_data(symbiose)
    case = data["business_case"]
    base = [
        data["id"], data["titel"], data["url"], data["eksempel"],
        (data["partner_a"] or {}).get("navn"), (data["partner_a"] or {}).get("type"),
        (data["partner_b"] or {}).get("navn"), (data["partner_b"] or {}).get("type"),
        data["retning"], data["ressource"], "|".join(data["dimensioner"]), data["temagruppe"],
        data["status"], data["startdato"], case["investering_kr"], case["investering_betales_af"],
        case["aarlig_besparelse_kr"], case["besparelse_tilfalder"], case["tilbagebetalingstid_aar"],
    ]  # fmt: skip
    sources = "|".join(source["url"] for source in data["kilder"])
    results = data["resultater"] or [None]
    for result in results:
        if result is None:
            yield [*base, None, None, None, None, None, None, sources]
        else:
            yield [
                *base, result["indikator"], result["vaerdi"], result["enhed"], result["aar"],
                result["baseline"], result["metode"], sources,
            ]  # fmt: skip


def csv_response(symbioses, *, excel=False):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    if excel:
        response["Content-Disposition"] = 'attachment; filename="symbioser-excel.csv"'
        response.write("\ufeff")  # the byte order mark: Excel then reads UTF-8
        writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    else:
        response["Content-Disposition"] = 'inline; filename="symbioser.csv"'
        writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for symbiose in symbioses:
        for row in csv_rows(symbiose):
            writer.writerow([csv_value(value, decimal_comma=excel) for value in row])
    return response


def excel_csv_response(symbioses):
    return csv_response(symbioses, excel=True)
