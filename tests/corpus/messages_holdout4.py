"""Set C, the corpus's `holdout4` (see later_sets.py). Written for this corpus; every person and
reference is invented."""

from email.message import EmailMessage
from email.policy import default

from later_sets import bounce_builder, csv, date_header, docx, expect, msg, pdf

S = "C"


def forwarded_eml(*, frm, to, subject, when, body, in_reply_to=None, msgid):
    inner = EmailMessage(policy=default)
    inner["From"] = frm
    inner["To"] = to
    inner["Subject"] = subject
    inner["Date"] = date_header(when)
    inner["Message-ID"] = msgid
    if in_reply_to:
        inner["In-Reply-To"] = in_reply_to
        inner["References"] = in_reply_to
    inner.set_content(body)
    return inner


# 1. Police Scotland has two requests in the tracker; only the reference tells them apart.
#    The exemption cited is the same one recorded on the other request.
msg(S, "police_scotland_partial_ref_only", expect("ps7c", "responded", "partial", ["s35(1)(a)"]),
    frm="Police Scotland Freedom of Information <foi@scotland.police.uk>",
    subject="FOI Response - IM-FOI-2023-2291",
    when="2023-07-12 15:02",
    html="""\
<html><body style="font-family:Arial,sans-serif;font-size:10.5pt">
<p>Dear Mr Patel</p>
<p><b>Freedom of Information (Scotland) Act 2002<br>Our reference: IM-FOI-2023-2291</b></p>
<p>I refer to your recent request for information. I can confirm that Police Scotland holds
information relevant to your request. My response to each part is set out below.</p>
<table border="1" cellspacing="0" cellpadding="5">
<tr><th align="left">Request</th><th align="left">Response</th></tr>
<tr><td>1. Number of occasions, by month, January 2022 to May 2023</td>
<td>2022: Jan 3, Feb 2, Mar 5, Apr 4, May 6, Jun 7, Jul 9, Aug 8, Sep 4, Oct 3, Nov 6, Dec 2<br>
2023: Jan 1, Feb 4, Mar 3, Apr 5, May 8</td></tr>
<tr><td>2. The locations and the flight log for each occasion</td>
<td>Exempt &ndash; section 35(1)(a) FOISA (Law enforcement). Disclosure would reveal operational
patterns and capability and would be likely to prejudice substantially the prevention and
detection of crime.</td></tr>
<tr><td>3. The policy or guidance governing these occasions</td>
<td>The relevant Standard Operating Procedure is published on the Police Scotland website.</td></tr>
</table>
<p>Section 35(1)(a) is subject to the public interest test. I have concluded that the public
interest in efficient and effective law enforcement outweighs that in disclosure.</p>
<p>If you are dissatisfied with the way we have dealt with your request, you can ask us to review
our response within 40 working days.</p>
<p>Yours sincerely<br>Information Management &ndash; Glasgow<br>Police Scotland</p>
</body></html>
""")

# 2. Camden replies on the thread of one request about the other one.
msg(S, "camden_reply_on_wrong_thread", expect("c4md", "responded", "granted"),
    frm="FOI Team <foi@camden.gov.uk>",
    subject="RE: CCTV contracts",
    when="2023-07-04 10:27",
    body="""\
Dear Sam,

Apologies for replying on this email chain – this response is to your other request, about
parking suspensions for filming (our reference CAM/2023/4471), not to your request about
CCTV contracts, which colleagues are still working on.

I can confirm that the council holds the information you asked for. The attached
spreadsheet lists each suspension granted for filming in 2022, with the street, the number
of bays, the dates and the fee charged.

Kind regards

Maryam Qureshi
FOI Team
London Borough of Camden
""",
    attachments=[csv("CAM-2023-4471 filming suspensions 2022.csv",
                     "Street,Bays,From,To,Fee\n"
                     "Albert Street,6,2022-01-11,2022-01-12,1320.00\n"
                     "Belsize Park Gardens,4,2022-03-02,2022-03-02,660.00\n"
                     "Chalcot Square,10,2022-05-16,2022-05-18,3300.00\n")])

# 3. A Met reply about a request that is not in the tracker (its reference is close to the tracked one).
msg(S, "met_other_request", expect(None, None),
    frm="MPS Information Rights Unit <foi@met.police.uk>",
    subject="Your Freedom of Information request - 01/FOI/23/034567",
    when="2023-08-03 11:15",
    body="""\
Dear Sam Patel

Freedom of Information Request Reference No: 01/FOI/23/034567

I write in connection with your request for information about the use of knife arches at
Notting Hill Carnival.

The MPS holds the information you asked for, and it is provided in full below.

Carnival 2022: knife arches were deployed at 14 locations over the two days. 38 knives or
bladed articles were recovered at or near the arches, and 61 people were arrested for
possession of an offensive weapon in the Carnival area.

Yours sincerely

Information Rights Unit
Metropolitan Police Service
""")

# 4. NCND with several sections, split across lines; text and HTML alternatives.
msg(S, "met_ncnd_several_sections", expect("m3tp", "responded", "neither-confirm-nor-deny", ["s23(5)", "s24(2)", "s31(3)"]),
    frm="MPS Information Rights Unit <foi@met.police.uk>",
    subject="FOI request 01/FOI/23/031412 - live facial recognition",
    when="2023-07-18 14:48",
    body="""\
Dear Sam Patel

Freedom of Information Request Reference No: 01/FOI/23/031412

You asked whether the MPS has carried out live facial recognition deployments on behalf of,
or at the request of, other agencies, and if so for the watchlists used.

The MPS neither confirms nor denies whether it holds the information you have requested,
by virtue of s.23(5),
s.24(2) and s.31(3) of the Act.

To confirm or deny whether such deployments have taken place would reveal whether
particular agencies have an interest in particular individuals or events. Our reasons,
and the public interest test for s.24(2) and s.31(3), are set out in full on our website.
Section 23(5) is an absolute exemption.

Nothing in this response should be taken to indicate whether or not any such information
exists.

Yours sincerely

Information Rights Unit
""",
    html="""\
<html><body>
<p>Dear Sam Patel</p>
<p><b>Freedom of Information Request Reference No: 01/FOI/23/031412</b></p>
<p>You asked whether the MPS has carried out live facial recognition deployments on behalf of,
or at the request of, other agencies, and if so for the watchlists used.</p>
<p>The MPS neither confirms nor denies whether it holds the information you have requested, by
virtue of s.23(5),<br>
s.24(2) and s.31(3) of the Act.</p>
<p>To confirm or deny whether such deployments have taken place would reveal whether particular
agencies have an interest in particular individuals or events. Section 23(5) is an absolute
exemption.</p>
<p>Nothing in this response should be taken to indicate whether or not any such information exists.</p>
<p>Yours sincerely<br>Information Rights Unit</p>
</body></html>
""")

# 5. Bottom-posted internal review, windows-1252 8bit, "s.43"; the quoted review request
#    mentions sections 40 and 43(2) and the word "refuse".
msg(S, "southwark_review_partly_cp1252", expect("sw7k", "review-responded", "partly-overturned", ["s43"]),
    frm="Information Governance <foi@southwark.gov.uk>",
    subject="RE: Internal review request - CRM:0012345 [IR-2023-0412]",
    when="2023-08-30 17:05",
    charset="windows-1252", cte="8bit",
    body="""\
On 24 Jul 2023, at 09:30, Sam Patel <sam.patel@example.org> wrote:
> Dear Southwark Council,
>
> Please carry out an internal review of your response to CRM:0012345. You were wrong
> to refuse the consultants’ day rates under section 43(2): the contracts were let two
> years ago, and councils routinely publish rate cards. Section 40 is not in issue.
>
> Yours faithfully,
> Sam Patel

Dear Mr Patel

Internal review IR-2023-0412 (original request CRM:0012345)

I have now completed the review. I have partially upheld your complaint.

The day-rate bands (for example “£650–£800 per day”) for each grade of consultant do not
reveal any single firm’s pricing in a way that would harm it, and I have decided that these
should be disclosed. They are:

  Director              £950–£1,100
  Associate director    £800–£950
  Senior consultant     £650–£800
  Consultant            £450–£600

However, I am satisfied that the exact rates agreed with each firm remain exempt under s.43,
as the council is retendering this work in the autumn. In that respect the original
decision stands.

If you remain dissatisfied you can complain to the Information Commissioner.

Regards

Kwame Asante
Senior Information Governance Officer
Southwark Council
""")

# 6. Bilingual automatic receipt for our chaser: nothing to record.
msg(S, "gwynedd_chaser_autoreply", expect("gw1n", None),
    frm="Rhyddid Gwybodaeth / Freedom of Information <rhyddid.gwybodaeth@gwynedd.llyw.cymru>",
    subject="Ateb awtomatig / Automatic reply: RE: Overdue Freedom of Information request: Second homes council tax premium",
    when="2023-07-06 09:01",
    in_reply_to="<chaser-gwynedd-premium.33@example.org>",
    headers=[("Auto-Submitted", "auto-replied")],
    body="""\
Neges awtomatig yw hon.

Diolch am eich e-bost. Mae wedi cyrraedd yr Uned Rhyddid Gwybodaeth a byddwn yn delio ag
ef cyn gynted â phosib. Peidiwch ag ateb y neges hon.

This is an automatic message.

Thank you for your email. It has reached the Freedom of Information Unit and we will deal
with it as soon as possible. Please do not reply to this message.

Cyngor Gwynedd / Gwynedd Council
""")

# 7. Partial disclosure with the outcome and exemption only in a bilingual Word attachment.
msg(S, "gwynedd_partial_docx", expect("gw1n", "responded", "partial", ["s40(2)"]),
    frm="Gwenllïan Prys <rhyddid.gwybodaeth@gwynedd.llyw.cymru>",
    subject="Ymateb / Response GC-23-0789",
    when="2023-07-14 12:31",
    body="""\
Annwyl Sam Patel,

Gweler ynghlwm ymateb y Cyngor i'ch cais.

Dear Sam Patel,

Please find attached the Council's response to your request.

Gwenllïan Prys
Swyddog Rhyddid Gwybodaeth / Freedom of Information Officer
Cyngor Gwynedd
""",
    attachments=[docx("Ymateb-Response GC-23-0789.docx",
        "# Cyngor Gwynedd - Cais Rhyddid Gwybodaeth GC-23-0789",
        "# Gwynedd Council - Freedom of Information Request GC-23-0789",
        "Cwestiwn 1 / Question 1: Faint o eiddo sy'n talu'r premiwm ail gartrefi? / How many "
        "properties pay the second homes premium? – 4,912 (1 Ebrill / April 2023).",
        "Cwestiwn 2 / Question 2: Cyfanswm a gasglwyd / Total collected from the premium in "
        "2022/23 – £11,042,376.",
        "Cwestiwn 3 / Question 3: Cyfeiriad pob eiddo / The address of each property.",
        "Mae'r wybodaeth hon wedi ei dal yn ôl o dan adran 40(2) o'r Ddeddf, gan y byddai'n "
        "datgelu gwybodaeth bersonol am berchnogion unigol.",
        "This information has been withheld under section 40(2) of the Act, as it would reveal "
        "personal information about individual owners. We have instead provided the number of "
        "properties in each community council area in the attached table.",
        "Mae gennych hawl i ofyn am adolygiad mewnol. / You have the right to ask for an internal "
        "review.",
    )])

# 8. Acknowledgement of an internal review request that the tracker does not yet show.
msg(S, "gwynedd_review_request_received", expect("gw1n", "review-requested"),
    frm="Gwenllïan Prys <rhyddid.gwybodaeth@gwynedd.llyw.cymru>",
    subject="Adolygiad Mewnol / Internal Review - GC-23-0789",
    when="2023-08-01 14:10",
    body="""\
Annwyl Sam Patel,

Rydym wedi derbyn eich cais am adolygiad mewnol o'n hymateb i gais GC-23-0789. Bydd
swyddog nad oedd yn rhan o'r penderfyniad gwreiddiol yn cynnal yr adolygiad.

Dear Sam Patel,

We have received your request for an internal review of our response to request
GC-23-0789. The review will be carried out by an officer who was not involved in the
original decision, and we aim to send you the outcome by 29 August 2023.

Yn gywir / Yours sincerely,

Gwenllïan Prys
Swyddog Rhyddid Gwybodaeth / Freedom of Information Officer
""")

# 9. Fee notice, ISO-8859-1 quoted-printable.
msg(S, "devon_fee_notice_latin1", expect("d3vn", "fee-notice", amount=18.75),
    frm="Devon County Council FOI <foi@devon.gov.uk>",
    subject="Pothole compensation claims - fees notice",
    when="2023-07-20 15:55",
    charset="iso-8859-1", cte="quoted-printable",
    body="""\
Dear Sam

FEES NOTICE - Freedom of Information Act 2000, section 9

You asked for copies of the photographs submitted with the twenty-five largest pothole
compensation claims paid in 2022/23, and asked that they be posted to you in colour.

There are 75 photographs. Colour copying is charged at 25p a sheet, so the fee for this
part of your request is £18.75, including second-class postage. The rest of your request
will be answered within the statutory time.

Please let us know if you wish to pay. We will not send the photographs until the fee has
been received, and if we do not hear from you within three months we will assume you no
longer want them.

Regards

Rhiannon Cole
Information Governance Team
Devon County Council
""")

# 10. A fees estimate that is really a section 12 refusal.
msg(S, "wyp_fee_estimate_is_s12", expect("wy9p", "responded", "refused", ["s12"]),
    frm="West Yorkshire Police FOI <foi@westyorkshire.police.uk>",
    subject="FOI 5874/23 - fees estimate",
    when="2023-07-18 10:22",
    body="""\
Dear Mr Patel

FREEDOM OF INFORMATION REQUEST REFERENCE NO: 5874/23

You asked for details of every occasion in 2022 on which a Taser was drawn, aimed or fired
at a person under 18, including the circumstances of each.

Use of force forms do not record the circumstances in a way that can be searched. To
answer your request we would have to find and read each of the 2,300 forms completed in
2022. Allowing three minutes per form, we estimate this would take 115 hours, which at
£25 an hour comes to £2,875.

Section 12 of the Freedom of Information Act 2000 provides that a public authority is not
obliged to comply with a request where it estimates that the cost of compliance would
exceed the appropriate limit, which for police forces is £450 (18 hours). This letter
acts as a refusal notice under section 17(5).

Under section 16 we are required to offer advice and assistance. The force publishes the
number of Taser uses by age band each year; you may find that useful. A request limited to
the number of incidents, without the circumstances, is likely to fall within the limit.

Yours sincerely

Freedom of Information Unit
West Yorkshire Police
""")

# 11. Bottom-posted "clarification" that is really a section 14 refusal; the quoted request
#     mentions a fee and refusing.
msg(S, "hackney_permits_clarify_is_s14", expect("h7pk", "responded", "refused", ["s14"]),
    frm="Information Governance <foi@hackney.gov.uk>",
    subject="RE: Freedom of Information request: Parking permit data",
    when="2023-06-21 13:40",
    in_reply_to="<req-hackney-permits.37@example.org>",
    body="""\
On Fri, 9 Jun 2023 at 08:02, Sam Patel <sam.patel@example.org> wrote:
> Dear London Borough of Hackney,
>
> Please send me, for every resident parking permit issued since 2018, the street, the
> vehicle make and model, the CO2 band and the price paid. If there is a fee, or you
> think you may need to refuse part of this, please let me know first.
>
> Yours faithfully,
> Sam Patel

Dear Sam Patel,

Clarification of your request

We would normally write to ask you to clarify a request of this size. However, this is the
ninth request we have received from you about parking permits since March, several of
them overlapping, and together they have already required more than 70 hours of work from
a small team. The requests appear to be aimed at reconstructing the council's permit
database record by record.

The council has therefore decided to apply section 14 of the Freedom of Information Act
2000 (vexatious requests) to this request. This email serves as a refusal notice, and we
will not be dealing with the request further.

You may ask for an internal review of this decision.

Regards,
Information Governance
London Borough of Hackney
""")

# 12. SAR acknowledgement that also extends, with no date.
msg(S, "gmp_sar_ack_extends_no_date", expect("gm2p", "extended", ref="SAR/2023/004417"),
    frm="GMP Subject Access Team <subjectaccess@gmp.police.uk>",
    subject="SAR/2023/004417",
    when="2023-07-19 11:48",
    body="""\
Dear Mr Patel

Right of access - our reference SAR/2023/004417

Thank you for your subject access request, which we received on 17 July 2023 together
with proof of your identity.

Your request covers incident logs, custody records, body-worn video and correspondence
held on several separate systems over a period of nine years. We consider it complex, and
we are therefore extending the period for our response by a further two months, as
Article 12(3) of the UK GDPR allows.

We will send you the information as soon as it is ready and will keep you informed of our
progress.

Subject Access Team
Greater Manchester Police
""")

# 13. SAR disclosure, quoted-printable UTF-8.
msg(S, "gmp_sar_disclosure_qp", expect("gm2p", "responded", "granted"),
    frm="GMP Subject Access Team <subjectaccess@gmp.police.uk>",
    subject="Subject access request SAR/2023/004417 – disclosure",
    when="2023-10-12 16:20",
    cte="quoted-printable",
    body="""\
Dear Mr Patel

Subject access request – SAR/2023/004417

We have now completed our searches. The personal data that Greater Manchester Police holds
about you – 3 incident logs, 1 custody record, 2 body‑worn video clips and 14 emails – is
available for you to download from our secure portal for the next 30 days:

  https://gmp-sar.example/collect/7F3K-2291

Your one‑time passcode will arrive separately by text message.

We have not withheld or redacted any information: you have been given a copy of all of the
personal data we hold about you.

If you are unhappy with the way we have handled your request you can contact our Data
Protection Officer, and you can complain to the Information Commissioner’s Office.

Subject Access Team
Greater Manchester Police
""")

# 14. EIR partial response forwarded as an attached message.
msg(S, "ea_partial_forwarded_as_attachment", expect("ea5e", "responded", "partial", ["reg12(5)(e)", "reg13"]),
    frm="Chloé Lefèvre <chloe.lefevre@newsdesk.example.net>",
    subject="FW: EIR/23/30127 - River Wye phosphate permits - response",
    when="2023-09-01 16:40",
    body="""\
Sam, the Environment Agency sent this to the old desk address. Attached as it arrived.

Chloé
""",
    attachments=[("eml", "EIR-23-30127 response.eml", forwarded_eml(
        frm="Environment Agency National Requests Team <enquiries@environment-agency.gov.uk>",
        to="newsdesk@newsdesk.example.net",
        subject="EIR/23/30127 - River Wye phosphate permits - response",
        when="2023-09-01 14:05",
        msgid="<EIR-23-30127.resp@environment-agency.gov.uk>",
        in_reply_to="<req-ea-wye.30@example.org>",
        body="""\
Dear Sam Patel

Our reference: EIR/23/30127

Thank you for your patience while we prepared our response to your request about permits
for phosphate discharges to the River Wye catchment.

Information we are providing
- A list of all 318 permitted discharges in the catchment, with the permit number, the
  operator, the grid reference and any phosphate limit in the permit (attached spreadsheet).
- The results of our own compliance sampling at each site for 2018 to 2022.

Information we are withholding
We are withholding the self-monitoring returns that operators of 41 food-processing sites
send us, which include their production volumes. We consider these are confidential
commercial information, and we are withholding them under regulation
12(5)(e) of the Environmental Information Regulations 2004. We have also removed the names
and mobile numbers of individual site contacts under regulation 13.

We have considered the public interest and explain our reasons in the attached annex.

If you are not satisfied you can ask us to reconsider our response within 40 working days.

Kind regards

Naomi Fairbairn
National Requests Team
Environment Agency
"""))])

# 15. EISR: "not held" is itself an exception there (regulation 10(4)(a)); regulation 13 is
#     the refusal-notice provision in the EISR, not an exception.
msg(S, "sepa_not_held_reg10_4_a", expect("se9a", "responded", "not-held", ["reg10(4)(a)"]),
    frm="SEPA Access to Information <foi@sepa.org.uk>",
    subject="Your request for environmental information - 2023-0612",
    when="2023-07-13 11:11",
    body="""\
Dear Mr Patel

Environmental Information (Scotland) Regulations 2004 - request 2023-0612

You asked for the event duration monitoring data for every combined sewer overflow in the
Forth and Clyde river basins for 2022.

SEPA does not hold this information. Event duration monitors are installed and operated by
Scottish Water, which keeps the data on its own systems; SEPA receives only an annual
summary, which is published on our website.

Regulation 10(4)(a) of the EISR allows a Scottish public authority to refuse to make
information available to the extent that it does not hold it when the request is
received. This letter is a refusal notice for the purposes of regulation 13.

Scottish Water is itself subject to the EISR, and you may wish to direct your request to it.

If you are dissatisfied you may ask us to review our decision within 40 working days.

Access to Information Team
Scottish Environment Protection Agency
""")

# 16. Out-of-office with a Gaelic line, in reply to our request.
msg(S, "sepa_out_of_office", expect("se9a", None),
    frm="Ealasaid NicPhàil <ealasaid.nicphail@sepa.org.uk>",
    subject="Automatic reply: Environmental information request: Sewage overflow monitoring",
    when="2023-06-16 12:03",
    in_reply_to="<req-sepa-cso.29@example.org>",
    headers=[("Auto-Submitted", "auto-replied")],
    body="""\
Tapadh leibh airson ur post-d.

Thank you for your email. I am out of the office until Monday 26 June with limited access
to email. If your message concerns a request for information, please send it to
foi@sepa.org.uk so that it can be logged.

Ealasaid NicPhàil
Access to Information Officer
""")

# 17. Acknowledgement in a Scottish council's format, by a named officer.
msg(S, "highland_ack_foisa_ref", expect("hi6h", "acknowledged", ref="FOISA-23-0456"),
    frm="Eòghann MacLeòid <foi@highland.gov.uk>",
    subject="RE: Freedom of Information request: Gaelic medium school transport",
    when="2023-06-09 10:40",
    body="""\
A Charaid,

Thank you for your request for information about school transport for pupils in Gaelic
medium education, which we received on 8 June 2023. It will be handled under the Freedom
of Information (Scotland) Act 2002.

Your reference number is FOISA-23-0456. Please quote it in all correspondence.

We will respond promptly, and in any case within 20 working days.

Le deagh dhùrachd,

Eòghann MacLeòid
Freedom of Information Officer
Comhairle na Gàidhealtachd / The Highland Council
""")

# 18. Full disclosure in the body.
msg(S, "highland_granted", expect("hi6h", "responded", "granted"),
    frm="Eòghann MacLeòid <foi@highland.gov.uk>",
    subject="FOISA-23-0456 Response",
    when="2023-07-24 15:15",
    body="""\
A Charaid,

FOISA-23-0456 – Gaelic medium school transport

Thank you for your payment. I am pleased to provide the information you requested.

1. Pupils travelling to a Gaelic medium school outside their catchment in 2022/23: 387.
2. Cost of that transport in 2022/23: £1,264,900.
3. Number of routes operated only for Gaelic medium pupils: 42.
4. Longest single journey time on those routes: 68 minutes (Lochaber).

All of the information you asked for is provided above.

If you are unhappy with this response you may require the Council to review it within 40
working days.

Le deagh dhùrachd,

Eòghann MacLeòid
Freedom of Information Officer
The Highland Council
""")

# 19. HTML-only acknowledgement with a disclaimer that mentions section 40.
msg(S, "nottingham_ack_html", expect("un1b", "acknowledged", ref="FOI-2023-0318"),
    frm="Information Compliance <foi@nottingham.ac.uk>",
    subject="Acknowledgement of your request",
    when="2023-06-29 09:34",
    html="""\
<html><body style="font-family:Georgia,serif">
<p>Dear Sam Patel,</p>
<p>Thank you for your request for information about commission paid to overseas recruitment
agents, which the University received on 28 June 2023.</p>
<p>Your request has been logged with the reference <span style="font-weight:bold">FOI-2023-0318</span>.
We will respond within 20 working days.</p>
<p>Best wishes,</p>
<p>Information Compliance<br>University of Nottingham</p>
<hr>
<p style="font-size:7.5pt;color:#888">This message and any attachment are intended solely for the
addressee and may contain confidential information. The University may be required to disclose
this email under the Freedom of Information Act 2000, unless the information is exempt, for
example under section 40 (personal information) or section 43 (commercial interests).</p>
</body></html>
""")

# 20. Extension to a weekday and date without a year.
msg(S, "nottingham_extension_no_year", expect("un1b", "extended", until="2023-08-23"),
    frm="Information Compliance <foi@nottingham.ac.uk>",
    subject="RE: Freedom of Information request: Overseas recruitment agent commissions",
    when="2023-07-25 16:45",
    in_reply_to="<req-uon-agents.28@example.org>",
    body="""\
Dear Sam Patel,

FOI-2023-0318

I am writing to let you know that we will not be able to respond to your request by
26 July as we had hoped.

The University considers that some of the information you have asked for may be exempt
under section 43(2) of the Freedom of Information Act, and we need more time to weigh the
public interest. We aim to send you our full response by Wednesday 23rd August.

Apologies for the delay.

Best wishes,

Information Compliance
University of Nottingham
""")

# 21. PSNI internal review overturns an NCND response.
msg(S, "psni_review_overturned", expect("ps4n", "review-responded", "overturned"),
    frm="PSNI Freedom of Information <foi@psni.police.uk>",
    subject="Internal Review Outcome: F-2023-01877",
    when="2023-08-24 11:02",
    body="""\
Dear Mr Patel,

PSNI Freedom of Information Request Reference Number: F-2023-01877 – Internal Review

I have reviewed PSNI's response of 27 June 2023, which neither confirmed nor denied whether
information was held, relying on sections 24(2) and 31(3).

PSNI has since stated publicly, in evidence to the Policing Board, that it uses mobile phone
extraction kiosks in its custody suites. Confirming that information is held would therefore
reveal nothing that is not already known, and I do not consider that the exemptions
relied upon apply to the duty to confirm or deny.

The original decision is overturned. PSNI can confirm that it holds information within the
scope of your request, and it is provided below.

1. PSNI uses extraction kiosks at 9 custody suites.
2. Extractions carried out using kiosks in 2022: Musgrave 1,244; Antrim 702; Lurgan 611;
   Derry/Londonderry 588; Omagh 301; Coleraine 297; Enniskillen 244; Dungannon 230;
   Banbridge 219.

If you remain dissatisfied you may apply to the Information Commissioner.

Yours sincerely,

Aoife McCallion
Review Officer
Corporate Information Branch
""")

# 22. Top-posted review upheld; the quoted review request cites another section and asks them
#     not to "refuse".
msg(S, "sg_review_upheld_top_posted", expect("sg8v", "review-responded", "upheld", ["s36(1)", "s30(b)(i)"]),
    frm="Scottish Government FOI Unit <foi@gov.scot>",
    subject="RE: Requirement for review - FOI/202300361122",
    when="2023-07-19 14:22",
    in_reply_to="<review-sg-ferries.36@example.org>",
    body="""\
Dear Mr Patel

Thank you for your requirement for review of our response to your request FOI/202300361122.

I have now carried out a fresh review of the request and of the information withheld,
and I have concluded that the original decision should be confirmed without
modification. The legal advice remains exempt under section 36(1) of FOISA
(confidentiality of communications), and the instructions and briefing remain exempt
under section 30(b)(i) (free and frank provision of advice). In each case the public
interest favours withholding the information.

If you are not satisfied with this outcome you may apply to the Scottish Information
Commissioner.

Yours sincerely

Catriona Drummond
Deputy Director, Ferries Division

-----Original Message-----
From: Sam Patel <sam.patel@example.org>
Sent: 26 June 2023 10:04
To: FOI <foi@gov.scot>
Subject: Requirement for review - FOI/202300361122

Dear Scottish Government,

I require you to review your decision to refuse my request. You cannot refuse the whole of
the advice under section 36(1) when parts of it concern costs that have already been
published, and section 33(1)(b) would not apply to a contract signed in 2015. I should not
have to pay a fee to see advice about public money.

Yours sincerely,
Sam Patel
""")

# 23. ICO progress update on a complaint that is already recorded.
msg(S, "moj_ico_update", expect("mj6o", "note"),
    frm="ICO Casework <icocasework@ico.org.uk>",
    subject="Update - IC-249987-T1M3",
    when="2023-10-02 15:18",
    body="""\
Dear Mr Patel

Case reference: IC-249987-T1M3 – Ministry of Justice

I am writing to give you an update on your complaint. The Ministry of Justice has now
sent me its submissions and a copy of the withheld information, and I am considering
whether section 31(1)(f) was applied correctly.

I expect to be able to write to you with the Commissioner's decision within the next two
months.

Yours sincerely

Priyanka Raman
Case Officer
Information Commissioner's Office
""")

# 24. ICO decision partly in the complainant's favour.
msg(S, "moj_ico_decision_partly", expect("mj6o", "decision", "partly-upheld"),
    frm="ICO Decision Notices <icocasework@ico.org.uk>",
    subject="Decision notice: IC-249987-T1M3 - Ministry of Justice",
    when="2023-12-12 10:30",
    body="""\
Dear Mr Patel

Reference: IC-249987-T1M3

The Commissioner has now reached a decision on your complaint about the Ministry of
Justice. A copy of the decision notice is attached.

The Commissioner's decision is that the Ministry was entitled to rely on section 31(1)(f)
to withhold the locations of body scanners within each prison. However, it was not
entitled to withhold the number of scanners bought and their total cost, and it breached
section 10(1) by failing to respond within 20 working days.

The Commissioner requires the Ministry to disclose the number of scanners and their total
cost within 35 calendar days. Your complaint has therefore been upheld in part.

Yours sincerely

Priyanka Raman
Case Officer
""")

# 25. WhatDoTheyKnow notification for a tracked WDTK request.
msg(S, "moj_wdtk_new_response", expect("mj6o", None),
    frm="WhatDoTheyKnow <do-not-reply-to-this-address@whatdotheyknow.com>",
    subject="New response to your FOI request - Prison body scanners",
    when="2023-07-10 17:48",
    body="""\
You have a new response to the Freedom of Information request
'Prison body scanners' that you made to Ministry of Justice.

Follow this link to see the response:
https://www.whatdotheyknow.com/request/prison_body_scanner_procurement/response/2401288

Please let us know whether the response contained the information you asked for by
updating the status of your request.

-- the WhatDoTheyKnow team
""")

# 26. SIC decision against the requester, about the second Police Scotland request.
msg(S, "police_scotland_sic_not_upheld", expect("ps7c", "decision", "not-upheld"),
    frm="Scottish Information Commissioner <enquiries@foi.scot>",
    subject="Decision 201/2023: Mr Sam Patel and the Chief Constable of the Police Service of Scotland",
    when="2023-12-05 13:00",
    body="""\
Dear Mr Patel

Our reference: 202301340

I attach a copy of Decision 201/2023, which concerns your request IM-FOI-2023-2291 for the
locations and flight logs of drones deployed over protests.

The Commissioner finds that Police Scotland complied with Part 1 of FOISA in responding to
your request. It was entitled to withhold the information under section 35(1)(a), and the
public interest favoured maintaining the exemption. The Commissioner does not require
Police Scotland to take any action.

You may appeal to the Court of Session on a point of law within 42 days.

Yours sincerely

Enforcement Officer
Scottish Information Commissioner
""")

# 27. SIC decision notice: the outcome is only in the PDF.
msg(S, "lothian_sic_decision_pdf", expect("nl0t", "decision", "upheld"),
    frm="Scottish Information Commissioner <enquiries@foi.scot>",
    subject="Decision 188/2023",
    when="2023-11-29 10:15",
    body="""\
Dear Mr Patel

Please find attached Decision 188/2023 on your application.

Kind regards

Enforcement Team
Scottish Information Commissioner
""",
    attachments=[pdf("Decision 188-2023.pdf", """\
Scottish Information Commissioner
Decision 188/2023: Mr Sam Patel and Lothian Health Board

CAMHS waiting times by locality
Reference No: 202301097
Decision Date: 29 November 2023

Summary
The Applicant asked Lothian Health Board (NHS Lothian) for waiting times for Child and
Adolescent Mental Health Services by locality and month. NHS Lothian withheld figures for
two localities under section 38(1)(b) of FOISA.

The Commissioner found that NHS Lothian was not entitled to withhold the figures, as they
are not personal data: no individual could be identified from them.

The Commissioner requires NHS Lothian to provide the Applicant with the withheld figures
by 15 January 2024.

Appeal
Should either the Applicant or NHS Lothian wish to appeal against this decision, they have
the right to appeal to the Court of Session on a point of law only.""")])

# 28. The SIC acknowledges an application that the tracker does not yet record.
msg(S, "edinburgh_sic_application_received", expect("e4in", "complained", ref="202301122"),
    frm="Scottish Information Commissioner <enquiries@foi.scot>",
    subject="Your application to the Commissioner",
    when="2023-09-05 09:20",
    body="""\
Dear Mr Patel

Thank you for your application, which we received on 4 September 2023, about the City of
Edinburgh Council's response to your request 101003456789 concerning the costs of the tram
inquiry.

We have given your application the reference 202301122. Please quote it in any
correspondence.

We will now check that your application is valid. We will write to you again once we have
done so, normally within two weeks.

Validation Team
Scottish Information Commissioner
""")

# 29. WhatDoTheyKnow "long overdue" notice for a WDTK request with no URL in the tracker.
msg(S, "kent_wdtk_long_overdue", expect("k3nt", None),
    frm="WhatDoTheyKnow <do-not-reply-to-this-address@whatdotheyknow.com>",
    subject="Long overdue response to your FOI request - Stop and search data",
    when="2023-08-10 06:12",
    body="""\
Kent Police are now long overdue in responding to your request.

They have not replied to your FOI request 'Stop and search data' within 40 working days.
Public authorities should normally reply within 20 working days.

You can ask for an internal review, or send them a reminder, by following this link:
https://www.whatdotheyknow.com/request/stop_and_search_data_947/followups/new

-- the WhatDoTheyKnow team
""")

# 30. Payment received.
msg(S, "barts_payment_received", expect("bh2t", "fee-paid", amount=12.40),
    frm="Barts Health FOI <bartshealth.foi@nhs.net>",
    subject="RE: Freedom of Information request: Hospital car parking income - payment",
    when="2023-07-18 10:05",
    in_reply_to="<req-barts-parking.27@example.org>",
    body="""\
Dear Mr Patel

Thank you for your payment of £12.40, which reached our finance team on 17 July 2023.

Your request is now active again and we will post the printed register to the address you
gave us together with our response.

Kind regards
Information Governance
Barts Health NHS Trust
""")

# 31. Public interest extension to a date written 31/08/2023.
msg(S, "barts_extension_slash_date", expect("bh2t", "extended", until="2023-08-31"),
    frm="Barts Health FOI <bartshealth.foi@nhs.net>",
    subject="RE: Freedom of Information request: Hospital car parking income",
    when="2023-08-02 16:30",
    in_reply_to="<req-barts-parking.27@example.org>",
    body="""\
Dear Mr Patel

We are writing to let you know that we need more time to deal with your request.

Part of the information you asked for, the income from the car park management contract,
may be exempt under section 43(2) of the Freedom of Information Act. This is a qualified
exemption and we need to consider the public interest in disclosure. We are therefore
extending the time for our response, as section 10(3) of the Act allows, and expect to
respond by 31/08/2023.

Kind regards
Information Governance
Barts Health NHS Trust
""")

# 32. Our chaser to Barts bounced (recipient mailbox full), Exchange style: nothing to record.
msg(S, "barts_chaser_bounce_exchange", expect("bh2t", None),
    frm="Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.org>",
    subject="Undeliverable: Overdue Freedom of Information request: Hospital car parking income",
    when="2023-09-04 09:01",
    builder=bounce_builder(
        reporting_mta="AM9PR08MB6111.eurprd08.prod.outlook.com",
        recipient="bartshealth.foi@nhs.net",
        status="5.2.2",
        diagnostic="smtp; 554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException",
        style="message",
        human="""\
Your message to bartshealth.foi@nhs.net couldn't be delivered.

bartshealth.foi's mailbox is full.

Action Required
Try to resend your message later, or contact the recipient by some other means.

How to Fix It
The recipient's mailbox has exceeded its storage limit. The recipient needs to delete some
messages before new mail can be delivered.
""",
        original_headers="""\
From: Sam Patel <sam.patel@example.org>
To: bartshealth.foi@nhs.net
Subject: Overdue Freedom of Information request: Hospital car parking income
Date: Mon, 04 Sep 2023 09:00:12 +0100
Message-ID: <chaser-barts-parking.32@example.org>
In-Reply-To: <req-barts-parking.27@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Dear Barts Health NHS Trust,

My request of 21 June 2023 about hospital car parking income is now overdue. You told me
you would respond by 31 August 2023. Please send your response as soon as possible.

Yours faithfully,
Sam Patel
"""))

# 33. A Scottish Government mailing on a topic close to a tracked request: belongs to none.
msg(S, "sg_consultation_alert", expect(None, None),
    frm="Scottish Government <noreply@gov.scot>",
    subject="New consultation: Islands ferry services - have your say",
    when="2023-09-14 12:00",
    headers=[("List-Unsubscribe", "<https://consult.gov.scot.example/unsubscribe?id=55120>"), ("Precedence", "bulk")],
    html="""\
<html><body style="font-family:Arial,sans-serif">
<p>You are receiving this email because you subscribed to consultation alerts for
<b>Transport</b>.</p>
<h3>Islands Connectivity Plan: ferry services consultation</h3>
<p>We want to hear from island communities, businesses and visitors about the future of
ferry services, including vessel replacement and the way contracts are awarded.</p>
<p>The consultation closes on 7 December 2023.</p>
<p><a href="https://consult.gov.scot.example/transport/ferries">Respond online</a></p>
</body></html>
""")

# 34. HTML-only clarification with no thread headers; two tracked requests share its subject.
msg(S, "towerhamlets_clarify_html", expect("t0wh", "clarification-requested"),
    frm="Information Governance <foi@towerhamlets.gov.uk>",
    subject="Facial recognition contracts - clarification",
    when="2023-05-17 12:44",
    html="""\
<html><body>
<p>Dear Mr Patel,</p>
<p>Thank you for your request about facial recognition contracts.</p>
<p>So that we can search the right records, could you let us know whether you are asking about
<b>live</b> facial recognition only, or whether you also want contracts for software that applies
facial recognition to recorded CCTV footage (retrospective facial recognition)?</p>
<p>We will put your request on hold until we hear from you.</p>
<p>Kind regards,<br>Zofia Wiśniewska<br>Information Governance Officer<br>London Borough of Tower Hamlets</p>
</body></html>
""")

# 35. The trust confirms it has the requester's clarification and restarts the clock.
msg(S, "leeds_teaching_clarification_received", expect("lt5h", "clarified"),
    frm="FOI Office <foi.leedsth@nhs.net>",
    subject="RE: Freedom of Information request: Agency nurse spending",
    when="2023-06-07 15:36",
    body="""\
Dear Sam Patel

Thank you for your email of 7 June confirming that you would like bank and agency nursing
spend reported together.

We have now restarted your request (our reference FOI 2023/1187). The 20 working days run
from the date we received your clarification, so you can expect our response by 5 July 2023.

Kind regards

FOI Office
Leeds Teaching Hospitals NHS Trust
""")

# 36. Closed because the requester never answered a clarification request.
msg(S, "merseyside_closed_no_clarification", expect("m5yd", "withdrawn"),
    frm="Merseyside Police Disclosure Unit <foi@merseyside.police.uk>",
    subject="MP-FOI-2023-1145 - request closed",
    when="2023-09-08 10:00",
    body="""\
Dear Sam,

We wrote to you on 6 June 2023 asking you to clarify your request about drone flights. As
we have not received a reply in the three months since then, we have now closed request
MP-FOI-2023-1145 and will take no further action on it.

If you still want the information, please send us a new request.

Regards
Disclosure Unit
Merseyside Police
""")

# 37. Lambeth again: two requests, only the reference tells them apart; "does not hold".
msg(S, "lambeth_not_held_ref_only", expect("l8mb", "responded", "not-held"),
    frm="Information Governance <foi@lambeth.gov.uk>",
    subject="FOI/2023/0718 - Response",
    when="2023-08-11 12:09",
    body="""\
Dear Mr Patel

Re: FOI/2023/0718

Thank you for your patience while we completed our searches.

I can now confirm that the council does not hold the information you have requested. The
records you describe are created and kept by our contractor on its own systems, and they
are not held on the council's behalf. Under section 16 of the Act you may wish to ask the
contractor directly.

If you are dissatisfied with the handling of your request, you may ask for an internal
review within 40 working days.

Yours sincerely

Tendai Moyo
Information Governance Officer
--
London Borough of Lambeth | Information Governance

This email and any files transmitted with it are confidential and intended solely for the
addressee. Any correspondence with the council may be disclosed under the Freedom of
Information Act 2000, section 40 of which protects personal information about third parties.
""")

# 38. Refusal: the email says "attached"; the outcome and exemptions are only in the PDF.
msg(S, "dfe_refusal_pdf_only", expect("df3e", "responded", "refused", ["s35(1)(a)", "s36(2)(b)(i)", "s36(2)(b)(ii)"]),
    frm="Department for Education <foi.requests@education.gov.uk>",
    subject="Your request for information - 2023-0034567",
    when="2023-06-21 17:12",
    body="""\
Dear Mr Patel

Please find attached the Department's response to your request.

Yours sincerely

Ministerial and Public Communications Division
Department for Education
""",
    attachments=[pdf("2023-0034567 response.pdf", """\
Department for Education
Freedom of Information request 2023-0034567

Dear Mr Patel

You asked for the condition survey summaries used to select schools for the School
Rebuilding Programme in 2022.

The Department holds the information you requested. However, it is being withheld in full
under section 35(1)(a) (formulation or development of government policy) and section
36(2)(b)(i) and (ii) (prejudice to the effective conduct of public affairs) of the
Freedom of Information Act.

The selection of schools for future rounds of the programme is still under development.
Release of the survey summaries at this stage would be likely to inhibit the free and frank
provision of advice and exchange of views between officials. The qualified person, a
minister, has given the opinion required by section 36.

We have considered the public interest and concluded that it favours maintaining both
exemptions.

If you are unhappy with the way your request has been handled you may ask for an internal
review within two months.""")])

# 39. WhatDoTheyKnow "delayed" notice for a tracked WDTK request.
msg(S, "cardiff_wdtk_delayed", expect("cd1f", None),
    frm="WhatDoTheyKnow <do-not-reply-to-this-address@whatdotheyknow.com>",
    subject="Delayed response to your FOI request - Bus lane fines",
    when="2023-08-08 06:03",
    body="""\
City of Cardiff Council have delayed.

They have not replied to your FOI request 'Bus lane fines' promptly, as normally required
by law. Click on the link below to send them a reminder.

https://www.whatdotheyknow.com/request/bus_lane_fines_by_camera_2022_23/followups/new

-- the WhatDoTheyKnow team
""")

# 40. Quoted-printable acknowledgement with a long disclaimer mentioning section 40.
msg(S, "psni_ack_disclaimer_qp", expect("ps4n", "acknowledged", ref="F-2023-01877"),
    frm="PSNI Freedom of Information <foi@psni.police.uk>",
    subject="PSNI Freedom of Information Request F-2023-01877",
    when="2023-05-31 10:18",
    cte="quoted-printable",
    body="""\
Dear Mr Patel,

PSNI Freedom of Information Request Reference Number: F-2023-01877

Your request for information was received on 30/05/2023 and is being dealt with under the
terms of the Freedom of Information Act 2000. You will receive a response within 20 working
days, in accordance with section 10 of the Act.

Please quote the above reference number in any correspondence.

Corporate Information Branch
Police Service of Northern Ireland

*************************************************************************************************************************
The information contained in this email and any attachments is confidential and may be subject to legal privilege. Any personal information it contains is protected and may only be disclosed in line with the Freedom of Information Act 2000 section 40 and the Data Protection Act 2018. If you have received this email in error, please notify the sender immediately and delete it.
*************************************************************************************************************************
""")
