"""The words statements label things with, in English and German, and finding them on a
line whatever the PDF did with the spaces ("ClosingBalance", "Closing Balance",
"AlterKontostand").

These are words of the trade (column headings, balance labels, section headings), not
any one bank's: a label is matched on its letters with spaces and case taken out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from shared.documents.layout import Word

HEADER_ROLES: dict[str, tuple[str, ...]] = {
    "date": ("date", "dates", "datum", "buchung", "buchungstag", "buchungsdatum", "bu-tag", "bu.tag", "bu.-tag",
             "tag", "posted",
             "postdate", "postingdate", "posting", "receivedbyus", "dateposted", "datepaid", "effectivedate",
             "processdate", "bookingdate", "buchungsdat."),
    # The day a card was used, beside the day the bank posted it: the posting date is the line's.
    "trans_date": ("transdate", "transactiondate", "txndate", "trandate", "dateoftransaction", "purchasedate",
                   "belegdatum", "kaufdatum", "umsatzdatum", "transaktionsdatum"),
    "value_date": ("wert", "valuta", "valutadatum", "valuedate", "wertstellung", "valeur"),
    "description": ("description", "details", "transactiondetails", "paymenttypeanddetails", "particulars",
                    "narrative", "narration", "vorgang", "buchungstext", "verwendungszweck",
                    "buchungsinformation", "vorgang/buchungsinformation", "transaction", "transactions", "text",
                    "payee", "merchant", "memo", "descriptionoftransaction", "beschreibung", "erläuterung",
                    "umsatzdetails", "transactiondescription", "paymentdetails", "reference", "referenz",
                    "auftraggeber/empfänger", "empfänger", "yourtransactiondetails"),
    "out": ("paidout", "moneyout", "withdrawals", "withdrawal", "debits", "debit", "soll", "belastung",
            "belastungen", "lastschriften", "ausgang", "ausgänge", "charges", "withdrawals/debits",
            "debits/withdrawals", "withdrawal/debit", "debit(-)", "amountout", "out", "abbuchung", "payments",
            "withdrawn", "subtractions", "ausgaben", "betragsoll", "sollbetrag", "umsatzsoll", "lastschrift",
            "otherwithdrawals", "paymentsanddebits", "debitamount", "withdrawalamount", "moneyouts"),
    "in": ("paidin", "moneyin", "deposits", "deposit", "credits", "credit", "haben", "gutschrift",
           "gutschriften", "eingang", "eingänge", "receipts", "deposits/credits", "credits/deposits",
           "deposit/credit", "credit(+)", "amountin", "in", "einzahlung", "additions", "einnahmen", "betraghaben",
           "habenbetrag", "umsatzhaben", "otherdeposits", "paymentsandcredits", "creditamount", "depositamount"),
    "amount": ("amount", "betrag", "umsatz", "transactionamount", "sum", "montant", "importe", "amount(€)",
               "betrag(eur)", "debit/credit", "credit/debit", "soll/haben"),
    "balance": ("balance", "saldo", "kontostand", "runningbalance", "endingdailybalance", "dailybalance",
                "ledgerbalance", "balance($)", "balance(£)", "balance(€)", "neuersaldo", "stand"),
    "ignore": ("checkno", "checkno.", "check#", "checknumber", "chequeno", "chequenumber", "ref", "refno",
               "foreignamount", "originalamount", "fxamount", "foreigncurrency", "currency", "währung",
               "card", "cardno", "fx", "type", "code", "serialno", "foreigncurrencyamount", "foreigncurrency",
               "amountinforeigncurrency", "originalcurrencyamount", "originalcurrency", "exchangerate", "fxrate",
               "kurs", "fremdwährung", "ursprungsbetrag"),
}
# A heading may carry its currency: "Amount (SGD)", "Betrag in EUR", "Money in (£)", "Balance $".
_CODES = "eur|usd|gbp|chf|sgd|aud|cad|nzd|hkd|jpy|inr|myr"
_UNIT = re.compile(rf"^(.+?)(?:\((?:in)?[a-z]{{0,3}}[$£€]?\)|in(?:{_CODES}|€)|[$£€]|\(?s\$\)?|{_CODES})$")
_UNIT_FIRST = re.compile(rf"^(?:\((?:{_CODES}|[$£€]|s\$)\)|[$£€])(.+)$")

OPENING = ("openingbalance", "beginningbalance", "previousbalance", "balancebroughtforward", "broughtforward",
           "balanceforward", "startbalance", "startingbalance", "previousstatementbalance", "lastbalance",
           "balancepreviousstatement", "balancefrompreviousstatement", "lastmonth'sbalance", "lastmonthsbalance",
           "lateststatementbalance", "laststatementbalance",
           "alterkontostand", "altersaldo", "saldoalt", "kontostandalt", "anfangssaldo", "saldovortrag",
           "balanceb/f", "balanceatstart", "kontostandam", "kontostandvom", "vortrag")
CLOSING = ("closingbalance", "endingbalance", "newbalance", "balancecarriedforward", "carriedforward",
           "endbalance", "neuerkontostand", "neuersaldo", "saldoneu", "kontostandneu", "endsaldo",
           "balancec/f", "statementbalance", "balanceatend", "kontostandam", "kontostandvom", "totalamountdue",
           "totalbalancedue", "currentbalance", "outstandingbalance", "newstatementbalance", "balancedue")
# Labels that open or close a statement, not just a page of one.
STRONG_OPENING = ("openingbalance", "beginningbalance", "previousbalance", "startbalance", "startingbalance",
                  "alterkontostand", "anfangssaldo", "previousstatementbalance", "balancepreviousstatement",
                  "lastmonth'sbalance", "lastmonthsbalance", "laststatementbalance")
STRONG_CLOSING = ("closingbalance", "endingbalance", "newbalance", "endbalance", "neuerkontostand", "endsaldo")
# Totals of every line in or out. Not "total deposits" or "total withdrawals": a statement
# in sections prints those for one section (its checks and fees are totalled apart).
TOTAL_IN = ("paymentsin", "moneyin", "summezahlungseingänge", "totalmoneyin", "totalpaidin")
TOTAL_OUT = ("paymentsout", "moneyout", "summezahlungsausgänge", "totalmoneyout", "totalpaidout")
TOTAL = ("total", "totals", "subtotal", "sub-total", "summe", "gesamtsumme", "zwischensumme")

SECTION_IN = ("deposits", "additions", "credits", "paymentsandcredits", "payments&credits", "paymentsandother",
              "moneyin", "gutschriften", "eingänge", "zahlungseingänge", "incoming", "receipts", "otherdeposits",
              "depositsandadditions", "depositsandotheradditions", "depositsandcredits", "refunds")
SECTION_OUT = ("withdrawals", "subtractions", "debits", "checkspaid", "cheques", "checks", "fees", "servicefees",
               "charges", "purchases", "purchase", "cardpurchases", "cashadvance", "atm&debitcardwithdrawals",
               "electronicwithdrawals",
               "otherwithdrawals", "belastungen", "lastschriften", "ausgänge", "zahlungsausgänge",
               "interestcharged", "feescharged", "withdrawalsandothersubtractions", "atmanddebitcard",
               "moneyout", "purchasesandadvances", "newtransactions", "transactionsandcharges", "cashadvances",
               "otherdebits", "dailyspending")
# A section of balances, not transactions: its rows are dates and balances.
SECTION_BALANCES = ("dailyendingbalance", "dailyledgerbalance", "dailybalance", "dailybalances",
                    "dailyledgerbalances", "balancesummary", "tagessaldo", "endingdailybalances")
CARD_WORDS = ("creditlimit", "minimumpayment", "minimumamountdue", "minimumdue", "paymentduedate",
              "creditcard", "availablecredit", "kreditkarte", "kreditrahmen", "mindestbetrag", "kartenlimit",
              "minimumrepayment", "cardlimit", "totalminimumpayment")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower().rstrip(":")


@dataclass(frozen=True)
class Found:
    """A label found on a line: which one, and the words that spell it."""

    key: str
    words: tuple[Word, ...]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1


def find(words: Sequence[Word], keys: Iterable[str]) -> Found | None:
    """The first label of `keys` spelt by a run of words (or starting one word: German
    runs "SummeZahlungseingänge" together, and "Opening balance:" ends in a colon)."""
    wanted = sorted(set(keys), key=len, reverse=True)
    for start in range(len(words)):
        for key in wanted:
            run = _spells(words, start, key)
            if run is not None:
                return Found(key, run)
    return None


def _spells(words: Sequence[Word], start: int, key: str) -> tuple[Word, ...] | None:
    text = ""
    for end in range(start, min(start + 6, len(words))):
        text += squash(words[end].text)
        if text.startswith(key) and (len(text) == len(key) or not text[len(key)].isalpha() or end > start):
            return tuple(words[start : end + 1])
        if not key.startswith(text):
            return None
    return None


def has(text: str, keys: Iterable[str]) -> bool:
    squashed = squash(text)
    return any(key in squashed for key in keys)


def header_role(text: str) -> str | None:
    """The role a column heading names, or None. "Deposits/ Additions" names what both
    its halves name; "Debit/Credit", one column of both, is a signed amount."""
    key = squash(text)
    for role, names in HEADER_ROLES.items():
        if key in names:
            return role
    unit = _UNIT.match(key) or _UNIT_FIRST.match(key)
    if unit is not None and unit.group(1) != key:
        return header_role(unit.group(1))
    halves = [header_role(part) for part in key.split("/")] if key.count("/") == 1 else []
    if halves and None not in halves:
        return halves[0] if halves[0] == halves[1] else "amount" if set(halves) == {"in", "out"} else None
    return None
