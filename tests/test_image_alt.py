"""Alternative text is asked once: the image's description, unless a block overrides it or
marks the image decorative. An image with none of them cannot be published."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.blocks import StructBlockValidationError
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_factories import ImageFactory

from pages.blocks import ImageBlock
from symbioses.models import PartnerPage, SymbiosePage

NO_ALT = (
    "Billedet har ingen beskrivelse. Skriv en alternativ tekst, eller markér billedet som "
    "dekorativt."
)


def image_value(image, **fields):
    return ImageBlock().to_python({"image": image.pk, "alt_text": "", "caption": "", **fields})


@pytest.mark.parametrize(
    ("description", "fields", "expected"),
    [
        ("Varmeveksleren i kælderen", {}, "Varmeveksleren i kælderen"),
        ("Varmeveksleren i kælderen", {"alt_text": "Rørene bag huset"}, "Rørene bag huset"),
        ("", {"alt_text": "Rørene bag huset"}, "Rørene bag huset"),
        ("Varmeveksleren i kælderen", {"decorative": True}, ""),
        ("", {"decorative": True, "alt_text": "ignoreret"}, ""),
    ],
)
def test_alt_text_is_the_description_unless_overridden_or_decorative(
    db, description, fields, expected
):
    block = ImageBlock()
    value = block.clean(image_value(ImageFactory(description=description), **fields))
    img = BeautifulSoup(block.render(value), "html.parser").find("img")
    assert img["alt"] == expected


def test_image_without_any_alternative_text_is_refused_in_danish(db):
    block = ImageBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(image_value(ImageFactory(description="")))
    assert error.value.block_errors["alt_text"].messages == [NO_ALT]


SYMBIOSE = "eksempel-overskudsvarme-datacenter"


def symbiose_form(page, image, **extra):
    """The symbiosis' edit form as the admin submits it, with one image added to its images."""
    image_value = {"image": image.pk, "alt_text": "", "caption": ""}
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "partner_a": page.partner_a_id,
            "partner_b": page.partner_b_id,
            "flow": page.flow,
            "resource": page.resource,
            **{
                field: "on"
                for field in ("environmental", "social", "economic")
                if getattr(page, field)
            },
            "theme_group": page.theme_group_id or "",
            "status": page.status,
            "start_date": page.start_date.isoformat() if page.start_date else "",
            "story": rich_text(page.story),
            "images": streamfield([("image", image_value)]),
            "results": inline_formset([]),
            "sources": inline_formset([]),
            "investment": "",
            "yearly_saving": "",
            **extra,
        }
    )


def test_editor_publishes_an_image_with_a_description_without_typing_alt(
    client, examples, admin_user
):
    client.force_login(admin_user)
    page = SymbiosePage.objects.get(slug=SYMBIOSE)
    image = ImageFactory(description="To partnere ved varmeveksleren")
    data = symbiose_form(page, image, **{"action-publish": "publish"})
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert html.find("figure", class_="image").find("img")["alt"] == image.description


def test_image_without_alt_is_saved_as_draft_but_not_published(client, examples, admin_user):
    client.force_login(admin_user)
    page = SymbiosePage.objects.get(slug=SYMBIOSE)
    image = ImageFactory(description="")
    edit_url = f"/admin/pages/{page.pk}/edit/"

    response = client.post(edit_url, symbiose_form(page, image))
    assert response.status_code == 302  # a draft may wait for its description
    assert Page.objects.get(pk=page.pk).has_unpublished_changes

    response = client.post(edit_url, symbiose_form(page, image, **{"action-publish": "publish"}))
    assert response.status_code == 200
    (error,) = response.context["form"].errors.as_data()["images"]
    assert error.block_errors[0].block_errors["alt_text"].messages == [NO_ALT]
    client.logout()
    assert 'class="image"' not in client.get(page.url).content.decode()


@pytest.mark.parametrize(
    ("description", "logo_alt", "expected"),
    [("Forsyningens logo", "", "Forsyningens logo"), ("", "Logo", "Logo"), ("Gammel", "Ny", "Ny")],
)
def test_partner_logo_uses_the_description_unless_overridden(
    examples, client, description, logo_alt, expected
):
    partner = PartnerPage.objects.get(slug="eksempel-forsyningen")
    partner.logo, partner.logo_alt = ImageFactory(description=description), logo_alt
    partner.save_revision().publish()
    page = BeautifulSoup(client.get(partner.url).content, "html.parser")
    assert page.find("img", class_="partner__logo")["alt"] == expected


def test_partner_logo_without_any_alternative_text_is_refused(examples):
    partner = PartnerPage.objects.get(slug="eksempel-forsyningen")
    partner.logo, partner.logo_alt = ImageFactory(description=""), ""
    with pytest.raises(ValidationError) as error:
        partner.full_clean()
    assert error.value.message_dict["logo_alt"] == [
        "Logoet har ingen beskrivelse. Skriv en alternativ tekst til logoet."
    ]
