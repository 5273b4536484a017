"""The question pages: the whole exchange, bad input, the daily limit, and who may
use each page (another buyer organisation or supplier finds nothing)."""

import pytest
from django.urls import reverse

from questions import services
from questions.models import Answer, Question
from tests.factories import BuyerFactory, SupplierUserFactory

pytestmark = pytest.mark.django_db


def ask_url(listing) -> str:
    return reverse("questions:ask", kwargs={"listing_pk": listing.pk})


def buyer_url(question) -> str:
    return reverse("questions:detail", kwargs={"pk": question.pk})


def supplier_url(question) -> str:
    return reverse("supplier_questions:detail", kwargs={"pk": question.pk})


@pytest.fixture
def question(buyer, listing):
    return services.question_ask(actor=buyer, listing=listing, text="Does it back up e-mail?")


def test_a_buyer_asks_from_the_service_page_and_sees_the_thread(client, buyer, listing):
    client.force_login(buyer)
    service_page = client.get(reverse("listings:detail", kwargs={"pk": listing.pk}))
    assert f'href="{ask_url(listing)}">Ask Acme Ltd a question about this service' in (
        service_page.content.decode()
    )

    response = client.post(ask_url(listing), {"text": "Does it back up e-mail?"}, follow=True)

    question = Question.objects.get()
    assert response.redirect_chain == [(buyer_url(question), 302)]
    page = response.content.decode()
    assert "Your question has been sent to Acme Ltd." in page
    assert "Does it back up e-mail?" in page
    assert "Acme Ltd has not answered yet." in page
    listed = client.get(reverse("questions:list")).content.decode()
    assert f'href="{buyer_url(question)}">Does it back up e-mail?</a>' in listed
    assert "Not answered" in listed


def test_an_empty_or_overlong_question_is_refused_with_the_text_kept(client, buyer, listing):
    client.force_login(buyer)

    empty = client.post(ask_url(listing), {"text": "  "})
    long = client.post(ask_url(listing), {"text": "x" * 2001})

    assert empty.status_code == 400
    assert "Enter your question" in empty.content.decode()
    assert long.status_code == 400
    assert "Your question must be 2,000 characters or fewer" in long.content.decode()
    assert "x" * 2001 in long.content.decode()
    assert not Question.objects.exists()


def test_over_the_daily_limit_the_buyer_is_told_with_429_and_the_question_kept(
    client, settings, buyer, listing
):
    settings.QUESTIONS_PER_BUYER_PER_DAY = 1
    client.force_login(buyer)
    client.post(ask_url(listing), {"text": "First question"})

    response = client.post(ask_url(listing), {"text": "Second question, please keep me"})

    page = response.content.decode()
    assert response.status_code == 429
    assert "You have asked 1 questions in the last 24 hours" in page
    assert "Second question, please keep me" in page
    assert Question.objects.count() == 1


def test_the_supplier_sees_the_organisation_not_the_person_and_answers(
    client, question, supplier_user, buyer
):
    client.force_login(supplier_user)
    listed = client.get(reverse("supplier_questions:list")).content.decode()
    assert f'href="{supplier_url(question)}">Does it back up e-mail?</a>' in listed
    assert "Hilltop School" in listed

    page = client.get(supplier_url(question)).content.decode()
    assert "Question from Hilltop School" in page
    assert "Does it back up e-mail?" in page
    for private in (buyer.email, buyer.full_name):
        assert private not in listed
        assert private not in page

    response = client.post(supplier_url(question), {"text": "Yes, every night."}, follow=True)
    assert "Your answer has been sent." in response.content.decode()
    assert "Yes, every night." in response.content.decode()

    client.force_login(buyer)
    thread = client.get(buyer_url(question)).content.decode()
    assert "Yes, every night." in thread
    assert "Answered by Acme Ltd" in thread


def test_an_empty_answer_is_refused_and_nothing_saved(client, question, supplier_user):
    client.force_login(supplier_user)

    response = client.post(supplier_url(question), {"text": ""})

    assert response.status_code == 400
    assert "Enter your answer" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_colleague_in_the_same_organisation_can_read_the_thread(client, question, buyer):
    client.force_login(BuyerFactory(buyer_organisation=buyer.buyer_organisation))

    assert client.get(buyer_url(question)).status_code == 200


def test_another_buyer_organisation_cannot_read_the_thread_or_find_it_listed(client, question):
    client.force_login(BuyerFactory(buyer_organisation__name="Other Council"))

    assert client.get(buyer_url(question)).status_code == 404
    listed = client.get(reverse("questions:list")).content.decode()
    assert "Does it back up e-mail?" not in listed
    assert "Cloud backup" not in listed


def test_another_supplier_cannot_read_or_answer_the_question(client, question):
    client.force_login(SupplierUserFactory())

    assert client.get(supplier_url(question)).status_code == 404
    assert client.post(supplier_url(question), {"text": "Not ours"}).status_code == 404
    assert not Answer.objects.exists()
    assert "Hilltop School" not in client.get(reverse("supplier_questions:list")).content.decode()


def test_a_supplier_cannot_use_the_buyers_pages_nor_a_buyer_the_suppliers(
    client, question, supplier_user, buyer, listing
):
    client.force_login(supplier_user)
    assert client.get(buyer_url(question)).status_code == 403
    assert client.post(ask_url(listing), {"text": "Me?"}).status_code == 403
    client.force_login(buyer)
    assert client.get(supplier_url(question)).status_code == 403
    assert client.post(supplier_url(question), {"text": "Me?"}).status_code == 403
    assert Question.objects.count() == 1
    assert not Answer.objects.exists()


@pytest.mark.parametrize("name", ["buyer-list", "buyer-thread", "ask", "supplier-list", "thread"])
def test_anonymous_visitors_are_sent_to_sign_in(client, question, listing, name):
    url = {
        "buyer-list": reverse("questions:list"),
        "buyer-thread": buyer_url(question),
        "ask": ask_url(listing),
        "supplier-list": reverse("supplier_questions:list"),
        "thread": supplier_url(question),
    }[name]

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:sign-in')}?next={url}"


def test_a_service_that_is_not_published_cannot_be_asked_about(client, buyer):
    from tests.factories import listing_make

    draft = listing_make()
    client.force_login(buyer)

    assert client.get(ask_url(draft)).status_code == 404
    assert client.post(ask_url(draft), {"text": "Hello?"}).status_code == 404
    assert not Question.objects.exists()
