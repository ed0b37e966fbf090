"""The corpus's messages (see build.py). Written for these tests; the names are invented."""

from build import docx, expect, message, pdf

# == tune: what the rules were written against ==================================================

message(
    "hackney_ack_auto", "tune", expect("h4ck", "acknowledged", ref="HK-FOI-23-0558"),
    frm="London Borough of Hackney FOI <foi@hackney.gov.uk>",
    subject="Automatic acknowledgement: Freedom of Information request: CCTV contracts",
    date="Fri, 02 Jun 2023 08:14:03 +0100", in_reply_to="<req-hackney-cctv.1@example.org>",
    body="""\
This is an automated response.

Thank you for your request for information, which we received on 1 June 2023.
Your request has been logged under reference HK-FOI-23-0558. Please quote this
reference in any correspondence.

We aim to respond within 20 working days, by 29 June 2023.

Information Management Team
London Borough of Hackney
""",
)

message(
    "hackney_review_upheld", "tune", expect("h4ck", "review-responded", "upheld", ["s43(2)"]),
    frm="Information Governance <foi@hackney.gov.uk>",
    subject="Internal review - HK-FOI-23-0558 - CCTV contracts",
    date="Wed, 09 Aug 2023 16:40:00 +0100", in_reply_to="<review-hackney-cctv.3@example.org>",
    body="""\
Dear Sam Patel,

Please find attached the outcome of the internal review you requested on 12 July.

Regards,
Priya Shah
Information Governance Manager
""",
    attachments=[pdf("Internal review outcome HK-FOI-23-0558.pdf", """\
London Borough of Hackney
Internal review: HK-FOI-23-0558

I have now completed the internal review of the council's response of 7 July 2023
to your request for copies of its CCTV contracts.

I have considered whether the prices in the contracts were correctly withheld under
section 43(2) of the Freedom of Information Act (commercial interests). I am satisfied
that the exemption was correctly applied and that the public interest in maintaining
it outweighs the public interest in disclosure.

I therefore uphold the original decision.

If you are not satisfied with the outcome of this review you may complain to the
Information Commissioner.""")],
)

message(
    "camden_parking_ack", "tune", expect("c4md", "acknowledged", ref="CAM/2023/4471"),
    frm="FOI Team <foi@camden.gov.uk>",
    subject="RE: Parking suspensions for filming - FOI reference CAM/2023/4471",
    date="Tue, 06 Jun 2023 11:02:00 +0100",
    body="""\
Dear Sam,

We acknowledge receipt of your request for information about parking suspensions
for filming. Your reference number is CAM/2023/4471.

The council will respond no later than 4 July 2023.

Kind regards

FOI Team
London Borough of Camden

-----Original Message-----
From: Sam Patel <sam.patel@example.org>
Sent: 05 June 2023 09:31
To: FOI <foi@camden.gov.uk>
Subject: Parking suspensions for filming

Dear FOI officer, please send me a list of every parking suspension granted for
filming in 2022, with the fee charged for each.
""",
)

message(
    "camden_cctv_notheld_html", "tune", expect("c7cv", "responded", "not-held"),
    frm="FOI Team <foi@camden.gov.uk>",
    subject="FOI CAM/2023/4472 - CCTV contracts",
    date="Mon, 03 Jul 2023 14:20:00 +0100",
    html="""\
<html><body>
<p>Dear Mr Patel,</p>
<p>Thank you for your request for information received on 5 June 2023.</p>
<p><b>Response</b></p>
<p>Camden Council does not hold the information you have requested. Our CCTV
cameras are bought through a framework run by another authority and the
contracts are held by that authority, not by Camden.</p>
<p>If you are unhappy with this response you may ask for an internal review.</p>
<p>Yours sincerely,<br>FOI Team</p>
</body></html>
""",
)

message(
    "met_extension_pit", "tune", expect("m3tp", "extended", until="2023-07-19"),
    frm="MPS Information Rights Unit <foi@met.police.uk>",
    subject="Your request for information - 01/FOI/23/031412",
    date="Tue, 20 Jun 2023 10:05:00 +0100",
    body="""\
Dear Sam Patel

Freedom of Information Request Reference No: 01/FOI/23/031412

I write in connection with your request for information about live facial
recognition deployments.

The information you have requested is held, and we consider it may be exempt
under section 31(1)(a) (law enforcement). We now need to consider the public
interest test. Section 10(3) of the Act allows us to extend the time for our
response while we do so.

We will respond no later than 19 July 2023.

Yours sincerely

Information Rights Unit
""",
)

message(
    "met_refusal_pdf", "tune", expect("m3tp", "responded", "refused", ["s31(1)(a)", "s40(2)"]),
    frm="MPS Information Rights Unit <foi@met.police.uk>",
    subject="01/FOI/23/031412 - Response to your request",
    date="Wed, 19 Jul 2023 15:55:00 +0100",
    body="""\
Dear Sam Patel

Please find attached the MPS response to your Freedom of Information request.

Yours sincerely
Information Rights Unit
""",
    attachments=[pdf("01-FOI-23-031412 response.pdf", """\
Metropolitan Police Service
Freedom of Information Request Reference No: 01/FOI/23/031412

DECISION
The MPS holds information relevant to your request. However, the information is
exempt from disclosure and is being withheld.

REASONS FOR DECISION
Section 31(1)(a) - Law enforcement: disclosing the locations and dates of planned
deployments would help those intent on evading the police.

Section 40(2) - Personal information: the names of the officers who authorised
each deployment are personal data.""", """\
PUBLIC INTEREST TEST
Having considered the public interest, we have concluded that it favours
maintaining the exemption at section 31(1)(a).

COMPLAINT RIGHTS
If you are dissatisfied with this response you may ask for an internal review
under section 45 of the Act, and then complain under section 50 to the
Information Commissioner.""")],
)

message(
    "merseyside_ack", "tune", expect("m5yd", "acknowledged", ref="MP-FOI-2023-1145"),
    frm="Merseyside Police Disclosure Unit <foi@merseyside.police.uk>",
    subject="RE: Freedom of Information request: Drone flights",
    date="Fri, 02 Jun 2023 09:40:00 +0100", in_reply_to="<req-merseyside-drones.5@example.org>",
    body="""\
Good morning,

Your request has been logged under reference MP-FOI-2023-1145. You should receive
a response by 29 June 2023.

Regards
Disclosure Unit
""",
)

message(
    "merseyside_clarification", "tune", expect("m5yd", "clarification-requested"),
    frm="Merseyside Police Disclosure Unit <foi@merseyside.police.uk>",
    subject="RE: Freedom of Information request: Drone flights [MP-FOI-2023-1145]",
    date="Tue, 06 Jun 2023 13:12:00 +0100", in_reply_to="<req-merseyside-drones.5@example.org>",
    body="""\
Dear Sam,

Before we can progress your request, could you please clarify whether you mean
flights by the force's own drones only, or also flights by drones hired from
contractors? Under section 1(3) the time for our response will start again once
we receive your reply.

Many thanks
Joe Bloggs
Disclosure Officer
""",
)

message(
    "glasgow_ack_byhand", "tune", expect("g1as", "acknowledged", ref="GCC-FOI-7781"),
    frm="Glasgow City Council FOI <foi@glasgow.gov.uk>",
    subject="RE: Freedom of Information (Scotland) Act request: CCTV contracts",
    date="Fri, 02 Jun 2023 12:00:00 +0100",
    body="""\
Dear Mr Patel

Thank you for your request under the Freedom of Information (Scotland) Act 2002.
It has been registered under reference GCC-FOI-7781 and we will reply within 20
working days of receipt.

Information and Data Protection Team
""",
)

message(
    "glasgow_partial_docx", "tune", expect("g1as", "responded", "partial", ["s33(1)(b)"]),
    frm="Glasgow City Council FOI <foi@glasgow.gov.uk>",
    subject="FOI GCC-FOI-7781 response",
    date="Thu, 29 Jun 2023 16:30:00 +0100", in_reply_to="<req-glasgow-cctv.6@example.org>",
    body="""\
Dear Mr Patel

Please find attached our response to your request of 1 June.

Information and Data Protection Team
""",
    attachments=[docx("GCC-FOI-7781 response.docx",
        "Glasgow City Council - response to request GCC-FOI-7781",
        "You asked for copies of the council's contracts for CCTV cameras and monitoring.",
        "We have released the list of contracts, with their start and end dates, in the table below.",
        "The contract prices have been withheld. We consider that they are exempt under section 33(1)(b) "
        "of FOISA because disclosure would, or would be likely to, prejudice substantially the commercial "
        "interests of the suppliers.",
        "You have the right to require the council to review its decision under section 20 of FOISA.",
    )],
)

message(
    "psos_sic_decision", "tune", expect("p5cs", "decision", "upheld"),
    frm="Scottish Information Commissioner <enquiries@itspublicknowledge.info>",
    subject="Decision 123/2023: Mr Sam Patel and the Chief Constable of the Police Service of Scotland",
    date="Mon, 16 Oct 2023 10:00:00 +0100",
    body="""\
Dear Mr Patel

Our reference: 202300456

The Commissioner has now issued his decision on your application. A copy of the
decision notice is attached.

In summary, the Commissioner finds that Police Scotland was not entitled to rely
on section 35(1)(a) of FOISA to withhold the information, and requires it to
disclose the information by 30 November 2023.

Yours sincerely

Enforcement Officer
""",
)

message(
    "leeds_wdtk_notification", "tune", expect("l33d", None),
    frm="WhatDoTheyKnow <do-not-reply-to-this-address@whatdotheyknow.com>",
    subject="New response to your FOI request - Parking fines income",
    date="Mon, 10 Jul 2023 18:01:00 +0100",
    body="""\
You have a new response to the Freedom of Information request
'Parking fines income' that you made to
Leeds City Council.

To view the response, click on the link below.

https://www.whatdotheyknow.com/request/parking_fines_income_2022_23/response/2345678

When you get there, please update the status to say if the response
contains any useful information.

-- the WhatDoTheyKnow team
""",
)

message(
    "bristol_eir_extension", "tune", expect("b7ar", "extended", until="2023-08-04"),
    frm="Environmental Information <environmental.info@bristol.gov.uk>",
    subject="RE: Environmental Information Regulations request: Air quality monitoring data",
    date="Wed, 05 Jul 2023 11:11:00 +0100", in_reply_to="<req-bristol-air.7@example.org>",
    body="""\
Dear Sam Patel

Your request covers five years of readings from every monitoring station in the
city. We consider it complex and voluminous, and under regulation 7(1) of the
Environmental Information Regulations we are extending the time for our response
by a further 20 working days. You will receive our response by 4 August 2023.

Regards
Bristol City Council
""",
)

message(
    "bristol_eir_partial", "tune", expect("b7ar", "responded", "partial", ["reg12(5)(a)", "reg13"]),
    frm="Environmental Information <environmental.info@bristol.gov.uk>",
    subject="RE: Environmental Information Regulations request: Air quality monitoring data",
    date="Thu, 03 Aug 2023 09:30:00 +0100", in_reply_to="<req-bristol-air.7@example.org>",
    body="""\
Dear Sam Patel

Please find attached the monitoring data you requested, as a spreadsheet.

We have withheld the exact locations of three monitoring stations that are on
private land under regulation 12(5)(a) (public safety), and the names of the
residents hosting them under regulation 13 (personal data).

Regards
Bristol City Council
""",
)

message(
    "towerhamlets_ncnd", "tune", expect("t0wh", "responded", "neither-confirm-nor-deny", ["s24(2)", "s31(3)"]),
    frm="Information Governance <foi@towerhamlets.gov.uk>",
    subject="RE: Freedom of Information request: Facial recognition contracts",
    date="Tue, 13 Jun 2023 15:00:00 +0100", in_reply_to="<req-towerhamlets-frt.8@example.org>",
    body="""\
Dear Mr Patel

The council can neither confirm nor deny whether it holds information falling
within your request. Sections 24(2) (national security) and 31(3) (law
enforcement) of the Freedom of Information Act apply.

Yours sincerely
Information Governance
""",
)

message(
    "homeoffice_ico_allocated", "tune", expect("h0me", "note"),
    frm="ICO Casework <casework@ico.org.uk>",
    subject="Your complaint about the Home Office - IC-245678-B3C4",
    date="Mon, 07 Aug 2023 09:00:00 +0100",
    body="""\
Dear Mr Patel

Case reference: IC-245678-B3C4

Your complaint about the Home Office has been allocated to a case officer, who
will contact the Home Office and write to you again within 30 days.

Yours sincerely

Case Officer
Information Commissioner's Office
""",
)

message(
    "kent_wdtk_notification", "tune", expect("k3nt", None),
    frm="WhatDoTheyKnow <do-not-reply-to-this-address@whatdotheyknow.com>",
    subject="New response to your FOI request - Stop and search data",
    date="Wed, 12 Jul 2023 07:45:00 +0100",
    body="""\
You have a new response to the Freedom of Information request
'Stop and search data' that you made to
Kent Police.

To view the response, click on the link below.

https://www.whatdotheyknow.com/request/stop_and_search_data_947/response/2351122

-- the WhatDoTheyKnow team
""",
)

message(
    "edinburgh_review_partly", "tune", expect("e4in", "review-responded", "partly-overturned", ["s33(1)(b)"]),
    frm="Information Rights <foi@edinburgh.gov.uk>",
    subject="Outcome of your requirement for review - 101003456789",
    date="Mon, 31 Jul 2023 12:00:00 +0100", in_reply_to="<review-edinburgh-trams.10@example.org>",
    body="""\
Dear Mr Patel

I have carried out the review you required on 3 July 2023.

Having looked again at the withheld information, I have partially upheld your
requirement for review. Some of the withheld information will now be released:
the total legal costs for each year are in the attached table. The breakdown by
law firm continues to be withheld under section 33(1)(b) of FOISA.

Yours sincerely
Reviewing Officer
""",
)

message(
    "manchester_fee", "tune", expect("m4nc", "fee-notice", amount=45.6),
    frm="Manchester City Council FOI <foi@manchester.gov.uk>",
    subject="RE: Freedom of Information request: Council tax debt collection - fees notice",
    date="Tue, 20 Jun 2023 10:00:00 +0100", in_reply_to="<req-manchester-ctax.11@example.org>",
    body="""\
Dear Mr Patel

This is a fees notice under section 9 of the Freedom of Information Act. The
information you asked for fills 228 pages that we can only send on paper, and the
cost of printing and postage is £45.60.

We will send the information on receipt of payment. The time for our response is
paused until you pay.

Manchester City Council
""",
)

message(
    "hackney_granted_quoting", "tune", expect("h4ck", "responded", "granted"),
    frm="Information Governance <foi@hackney.gov.uk>",
    subject="RE: Overdue Freedom of Information request: CCTV contracts [your ref HK-FOI-23-0558]",
    date="Wed, 05 Jul 2023 17:20:00 +0100", in_reply_to="<chaser-hackney-cctv.2@example.org>",
    body="""\
Dear Sam Patel,

Apologies for the delay. Please find below the answers to your questions.

1. The council has three CCTV contracts, with Vigilant Systems Ltd, CamWatch
   UK and Eastside Monitoring.
2. Their combined annual value is £1,240,000.
3. Copies of the contracts are attached.

Regards,
Information Governance

On Mon, 3 Jul 2023 at 09:00, Sam Patel <sam.patel@example.org> wrote:
> Dear Sir or Madam,
> I asked for the contracts on 1 June. You may not withhold them under section 43
> without saying why, and section 40 does not apply to company names.
""",
)

message(
    "newsletter", "tune", expect(None, None),
    frm="Local Government Weekly <news@lgweekly.example>",
    subject="This week in local government: budgets, bins and CCTV",
    date="Fri, 07 Jul 2023 06:00:00 +0100",
    body="""\
This week: councils set out their budget gaps, a new approach to bin collections,
and why more councils are buying CCTV through shared frameworks.

Unsubscribe at any time.
""",
)

message(
    "camden_parking_forwarded", "tune", expect("c4md", "responded", "granted"),
    frm="Alex Reed <alex.reed@gmail.com>",
    subject="Fwd: RE: Parking suspensions for filming - FOI reference CAM/2023/4471",
    date="Tue, 04 Jul 2023 19:12:00 +0100",
    body="""\
Sam - this went to my address by mistake.

---------- Forwarded message ---------
From: FOI Team <foi@camden.gov.uk>
Date: Tue, 4 Jul 2023 at 16:03
Subject: RE: Parking suspensions for filming - FOI reference CAM/2023/4471
To: Alex Reed <alex.reed@gmail.com>

Dear Sam,

The council holds the information you asked for. Please see the attached
spreadsheet, which lists every suspension granted for filming in 2022 and the fee
charged for each.

Kind regards
FOI Team
""",
)

message(
    "towerhamlets_ack_nonascii", "tune", expect("t0wh", "acknowledged", ref="TH/FOI/23/0912"),
    frm="Zoë Müller <foi@towerhamlets.gov.uk>",
    subject="Re: Facial recognition contracts – acknowledgement",
    date="Tue, 16 May 2023 10:30:00 +0100", in_reply_to="<req-towerhamlets-frt.8@example.org>",
    body="""\
Dear Mr Patel,

I can confirm that we have received your request. It has been given the
reference TH/FOI/23/0912 and you will have our reply by 13 June 2023.

Best wishes,
Zoë Müller
Information Governance Officer
""",
)

message(
    "hackney_out_of_office", "tune", expect("h4ck", None),
    frm="Priya Shah <priya.shah@hackney.gov.uk>",
    subject="Automatic reply: Freedom of Information request: CCTV contracts",
    date="Thu, 01 Jun 2023 10:01:00 +0100", in_reply_to="<req-hackney-cctv.1@example.org>",
    body="""\
Thank you for your email. I am out of the office until Monday 5 June and will
reply on my return. For urgent matters please contact foi@hackney.gov.uk.
""",
)

message(
    "merseyside_granted_pdf", "tune", expect("m5yd", "responded", "granted"),
    frm="Merseyside Police Disclosure Unit <foi@merseyside.police.uk>",
    subject="MP-FOI-2023-1145 - response",
    date="Wed, 28 Jun 2023 14:00:00 +0100", in_reply_to="<req-merseyside-drones.5@example.org>",
    body="""\
Dear Sam,

Please find attached our response to your request.

Disclosure Unit
""",
    attachments=[pdf("MP-FOI-2023-1145.pdf", """\
Merseyside Police - Freedom of Information response - MP-FOI-2023-1145

Merseyside Police can confirm that it holds the information you requested.

Question 1: The force carried out 412 drone flights in 2022.
Question 2: 37 of those flights were to search for missing people.

The information has been provided in full.""")],
)

message(
    "camden_two_requests", "tune", expect(None, None),
    frm="FOI Team <foi@camden.gov.uk>",
    subject="Your requests: CCTV contracts, and parking suspensions for filming",
    date="Fri, 30 Jun 2023 12:00:00 +0100",
    body="""\
Dear Sam,

We are still working on both of your requests and expect to reply to each of them
next week.

FOI Team
""",
)

message(
    "edinburgh_ack_auto", "tune", expect("e4in", "acknowledged", ref="101003456789"),
    frm="City of Edinburgh Council <foi@edinburgh.gov.uk>",
    subject="Your information request has been received",
    date="Thu, 01 Jun 2023 17:00:00 +0100", in_reply_to="<req-edinburgh-trams.9@example.org>",
    body="""\
Thank you for contacting the City of Edinburgh Council.

This is an automatic acknowledgement. Your case reference is 101003456789.
We will respond within 20 working days.
""",
)

message(
    "homeoffice_ico_decision", "tune", expect("h0me", "decision", "not-upheld"),
    frm="ICO Decision Notices <icocasework@ico.org.uk>",
    subject="Decision notice - IC-245678-B3C4",
    date="Tue, 24 Oct 2023 09:30:00 +0100",
    body="""\
Dear Mr Patel

Reference: IC-245678-B3C4

The Commissioner has now made his decision on your complaint and the decision
notice is attached.

The Commissioner's decision is that the Home Office was entitled to rely on
section 43(2) of FOIA to withhold the requested information. Your complaint is
therefore not upheld, and the Commissioner does not require the Home Office to
take any steps.

Yours sincerely
Senior Case Officer
""",
)

message(
    "bristol_eir_clarification", "tune", expect("b7ar", "clarification-requested"),
    frm="Environmental Information <environmental.info@bristol.gov.uk>",
    subject="RE: Environmental Information Regulations request: Air quality monitoring data",
    date="Mon, 12 Jun 2023 10:00:00 +0100", in_reply_to="<req-bristol-air.7@example.org>",
    body="""\
Dear Sam Patel

Under regulation 9(2) of the Environmental Information Regulations we would be
grateful if you could specify which pollutants you are interested in: nitrogen
dioxide only, or particulates as well?

Regards
Bristol City Council
""",
)

message(
    "camden_cctv_cost_limit", "tune", expect("c7cv", "responded", "refused", ["s12"]),
    frm="FOI Team <foi@camden.gov.uk>",
    subject="FOI CAM/2023/4472 - CCTV contracts - response",
    date="Mon, 03 Jul 2023 09:00:00 +0100",
    body="""\
Dear Mr Patel

We estimate that finding and extracting every CCTV maintenance invoice since 2015
would exceed the appropriate limit of £450 set by section 12 of the Freedom of
Information Act. We are therefore refusing your request.

You may wish to narrow your request to a single year, which we may be able to
answer within the limit.

FOI Team
""",
)


# == holdout: written after the rules; only measured ============================================

message(
    "merseyside_pit_extension", "holdout", expect("m5yd", "extended", until="2023-07-27"),
    frm="Merseyside Police Disclosure Unit <foi@merseyside.police.uk>",
    subject="RE: Freedom of Information request: Drone flights",
    date="Thu, 29 Jun 2023 11:00:00 +0100", in_reply_to="<req-merseyside-drones.5@example.org>",
    body="""\
Dear Sam,

We are considering whether some of the information is exempt under section 31
and we require additional time to consider the public interest. We aim to
respond by 27 July 2023.

Apologies for any inconvenience.
Disclosure Unit
""",
)

message(
    "camden_parking_clarify", "holdout", expect("c4md", "clarification-requested"),
    frm="FOI Team <foi@camden.gov.uk>",
    subject="Parking suspensions for filming - clarification needed",
    date="Wed, 07 Jun 2023 15:00:00 +0100",
    body="""\
Hello Sam,

Could you please confirm which period you would like us to cover - calendar year
2022, or the financial year 2022/23? We will start work as soon as we hear back.

Thanks,
FOI Team
""",
)

message(
    "towerhamlets_partial_pdf", "holdout", expect("t0wh", "responded", "partial", ["s43(2)", "s40(2)"]),
    frm="Information Governance <foi@towerhamlets.gov.uk>",
    subject="TH/FOI/23/0912 - response",
    date="Mon, 12 Jun 2023 16:00:00 +0100", in_reply_to="<req-towerhamlets-frt.8@example.org>",
    body="""\
Dear Mr Patel,

Our response to your request is attached.

Information Governance
""",
    attachments=[pdf("TH-FOI-23-0912.pdf", """\
London Borough of Tower Hamlets - TH/FOI/23/0912

We are releasing a copy of the council's contract for facial recognition software,
with some parts redacted.

The pricing schedule has been redacted under section 43(2) (commercial interests).
The names of junior staff have been withheld under section 40(2) (personal
information).""")],
)

message(
    "psos_sic_received", "holdout", expect("p5cs", "note"),
    frm="Scottish Information Commissioner <enquiries@itspublicknowledge.info>",
    subject="Your application - our reference 202300456",
    date="Fri, 21 Jul 2023 09:00:00 +0100",
    body="""\
Dear Mr Patel

Thank you for your application, which we received on 20 July 2023. We are now
checking that it is valid and will be in touch. Please quote our reference
202300456 in any correspondence.

Scottish Information Commissioner
""",
)

message(
    "bristol_ack", "holdout", expect("b7ar", "acknowledged", ref="EIR-2023-0661"),
    frm="Environmental Information <environmental.info@bristol.gov.uk>",
    subject="RE: Environmental Information Regulations request: Air quality monitoring data",
    date="Fri, 09 Jun 2023 09:00:00 +0100", in_reply_to="<req-bristol-air.7@example.org>",
    body="""\
Dear Sam Patel

We acknowledge receipt of your request for environmental information, reference
EIR-2023-0661. We will respond by 6 July 2023.

Bristol City Council
""",
)

message(
    "manchester_notheld_html", "holdout", expect("m4nc", "responded", "not-held"),
    frm="Manchester City Council FOI <foi@manchester.gov.uk>",
    subject="RE: Council tax debt collection",
    date="Mon, 03 Jul 2023 13:00:00 +0100",
    html="""\
<html><body><div>
<p>Dear Mr Patel</p>
<p>Thank you for your request about council tax debt collection.</p>
<p>The council holds no recorded information about the number of visits made by
enforcement agents, as those figures are kept by the agents themselves.</p>
<p>Regards<br/>Manchester City Council</p>
</div></body></html>
""",
)

message(
    "met_ncnd_docx", "holdout", expect("m3tp", "responded", "neither-confirm-nor-deny", ["s23(5)", "s24(2)"]),
    frm="MPS Information Rights Unit <foi@met.police.uk>",
    subject="01/FOI/23/031412",
    date="Tue, 18 Jul 2023 12:00:00 +0100",
    body="""\
Please see the attached letter.
""",
    attachments=[docx("Response 01-FOI-23-031412.docx",
        "Freedom of Information Request Reference No: 01/FOI/23/031412",
        "In accordance with sections 23(5) and 24(2) of the Act, the MPS neither confirms nor denies "
        "whether it holds information about deployments requested by other agencies.",
        "This letter is not confirmation of whether or not such information exists.",
    )],
)

message(
    "hackney_review_overturned", "holdout", expect("h4ck", "review-responded", "overturned"),
    frm="Information Governance <foi@hackney.gov.uk>",
    subject="RE: Internal review request: CCTV contracts [your ref HK-FOI-23-0558]",
    date="Thu, 10 Aug 2023 10:00:00 +0100", in_reply_to="<review-hackney-cctv.3@example.org>",
    body="""\
Dear Sam Patel,

Having reviewed the handling of your request, I have decided to overturn the
original decision. The contract prices will be released in full within five
working days.

Regards,
Priya Shah
""",
)

message(
    "sheffield_unrelated", "holdout", expect(None, None),
    frm="Sheffield City Council <foi@sheffield.gov.uk>",
    subject="Your FOI request - library closures",
    date="Tue, 04 Jul 2023 10:00:00 +0100",
    body="""\
Dear requester

Please find attached our response to your request about library closures.

Sheffield City Council
""",
)

message(
    "glasgow_clarify_forwarded", "holdout", expect("g1as", "clarification-requested"),
    frm="Alex Reed <alex.reed@gmail.com>",
    subject="Fwd: CCTV contracts - clarification",
    date="Mon, 05 Jun 2023 20:00:00 +0100",
    body="""\
Forwarding as asked.

---------- Forwarded message ---------
From: Glasgow City Council FOI <foi@glasgow.gov.uk>
Date: Mon, 5 Jun 2023 at 14:10
Subject: CCTV contracts - clarification
To: Alex Reed <alex.reed@gmail.com>

Dear Mr Patel

Could you please clarify whether your request covers the council's own cameras
only, or also cameras operated for it by Glasgow Life?

Information and Data Protection Team
""",
)

message(
    "homeoffice_ico_partly", "holdout", expect("h0me", "decision", "partly-upheld"),
    frm="ICO Decision Notices <icocasework@ico.org.uk>",
    subject="IC-245678-B3C4 decision notice",
    date="Wed, 25 Oct 2023 09:00:00 +0100",
    body="""\
Dear Mr Patel

The Commissioner has issued a decision notice on your complaint, reference
IC-245678-B3C4. Your complaint has been upheld in part: the Commissioner finds that
the Home Office breached section 10(1) by responding late, but was entitled to
withhold the contracts under section 43(2).

Case Officer
""",
)

message(
    "leeds_wdtk_overdue", "holdout", expect("l33d", None),
    frm="WhatDoTheyKnow <do-not-reply-to-this-address@whatdotheyknow.com>",
    subject="Delayed response to your FOI request - Parking fines income",
    date="Tue, 11 Jul 2023 06:00:00 +0100",
    body="""\
Leeds City Council have delayed.

They have not replied to your FOI request 'Parking fines income' promptly, as
normally required by law. Click on the link below to send them a reminder.

https://www.whatdotheyknow.com/request/parking_fines_income_2022_23

-- the WhatDoTheyKnow team
""",
)

message(
    "bristol_manifestly_unreasonable", "holdout", expect("b7ar", "responded", "refused", ["reg12(4)(b)"]),
    frm="Environmental Information <environmental.info@bristol.gov.uk>",
    subject="RE: Environmental Information Regulations request: Air quality monitoring data",
    date="Fri, 04 Aug 2023 09:00:00 +0100", in_reply_to="<req-bristol-air.7@example.org>",
    body="""\
Dear Sam Patel

We are refusing your request under regulation 12(4)(b) of the Environmental
Information Regulations, because providing five years of minute-by-minute readings
would be manifestly unreasonable given the work involved.

Bristol City Council
""",
)

message(
    "towerhamlets_ack_html", "holdout", expect("t0wh", "acknowledged", ref="FOI/2023/0912"),
    frm="Information Governance <foi@towerhamlets.gov.uk>",
    subject="RE: Freedom of Information request: Facial recognition contracts",
    date="Mon, 15 May 2023 16:00:00 +0100", in_reply_to="<req-towerhamlets-frt.8@example.org>",
    html="""\
<html><body>
<p>Dear Requester,</p>
<p>Thank you for your email, which has been logged as <b>FOI/2023/0912</b>.</p>
<p>We will respond within 20 working days.</p>
<p>Tower Hamlets Information Governance</p>
</body></html>
""",
)

message(
    "merseyside_out_of_office", "holdout", expect("m5yd", None),
    frm="Joe Bloggs <joe.bloggs@merseyside.police.uk>",
    subject="Automatic reply: Freedom of Information request: Drone flights",
    date="Thu, 01 Jun 2023 12:00:00 +0100", in_reply_to="<req-merseyside-drones.5@example.org>",
    body="""\
I am on annual leave until 12 June. Please send FOI matters to
foi@merseyside.police.uk.
""",
)

message(
    "camden_cctv_extension", "holdout", expect("c7cv", "extended", until="2023-08-04"),
    frm="FOI Team <foi@camden.gov.uk>",
    subject="CCTV contracts - extension",
    date="Mon, 03 Jul 2023 17:00:00 +0100",
    body="""\
Dear Mr Patel

We need to extend the deadline for our response to 4 August 2023 to consider the
public interest in disclosing the contract prices (section 43(2)).

FOI Team
""",
)


# == holdout2: written after every rule change, measured once and left as measured ================

message(
    "camden_cctv_ticket", "holdout2", expect("c7cv", "acknowledged", ref="CAM-REQ-88213"),
    frm="Camden Access to Information <foi@camden.gov.uk>",
    subject="Acknowledgement - CCTV contracts",
    date="Tue, 06 Jun 2023 08:30:00 +0100",
    body="""\
Your request for information has been received and will be dealt with under the
Freedom of Information Act 2000.

Ticket number: CAM-REQ-88213

Access to Information Team
""",
)

message(
    "edinburgh_review_should_be_upheld", "holdout2", expect("e4in", "review-responded", "upheld", ["s33(1)(b)"]),
    frm="Information Rights <foi@edinburgh.gov.uk>",
    subject="Review of request 101003456789",
    date="Mon, 31 Jul 2023 15:00:00 +0100", in_reply_to="<review-edinburgh-trams.10@example.org>",
    body="""\
Dear Mr Patel

I have now reviewed the council's response to your request. Having considered the
withheld material and your arguments, I have concluded that the original decision
should be upheld and the information will continue to be withheld under section
33(1)(b) of FOISA.

Reviewing Officer
""",
)

message(
    "merseyside_partial_html_table", "holdout2", expect("m5yd", "responded", "partial", ["s31(1)(a)"]),
    frm="Merseyside Police Disclosure Unit <foi@merseyside.police.uk>",
    subject="MP-FOI-2023-1145 final response",
    date="Thu, 29 Jun 2023 10:00:00 +0100", in_reply_to="<req-merseyside-drones.5@example.org>",
    html="""\
<html><body>
<p>Dear Sam,</p>
<p>Please find our response below.</p>
<table>
<tr><td>Q1. Number of drone flights in 2022</td><td>412</td></tr>
<tr><td>Q2. Locations of each flight</td><td>We are unable to provide this information as it is exempt under Section 31(1)(a) - law enforcement.</td></tr>
</table>
<p>Disclosure Unit</p>
</body></html>
""",
)

message(
    "towerhamlets_photocopying_fee", "holdout2", expect("t0wh", "fee-notice", amount=25.0),
    frm="Information Governance <foi@towerhamlets.gov.uk>",
    subject="RE: Freedom of Information request: Facial recognition contracts",
    date="Fri, 02 Jun 2023 11:00:00 +0100", in_reply_to="<req-towerhamlets-frt.8@example.org>",
    body="""\
Dear Mr Patel,

The contracts are only held on paper. We require payment of £25.00 for photocopying
before we can send them to you. Please let us know if you would like to proceed.

Information Governance
""",
)

message(
    "bristol_all_provided", "holdout2", expect("b7ar", "responded", "granted"),
    frm="Environmental Information <environmental.info@bristol.gov.uk>",
    subject="RE: Environmental Information Regulations request: Air quality monitoring data",
    date="Thu, 06 Jul 2023 14:00:00 +0100", in_reply_to="<req-bristol-air.7@example.org>",
    body="""\
Dear Sam Patel

I attach the data you asked for. All of the information requested is provided.

Bristol City Council
""",
)

message(
    "glasgow_section_17", "holdout2", expect("g1as", "responded", "not-held"),
    frm="Glasgow City Council FOI <foi@glasgow.gov.uk>",
    subject="FOI GCC-FOI-7781 - your request",
    date="Wed, 28 Jun 2023 10:00:00 +0100", in_reply_to="<req-glasgow-cctv.6@example.org>",
    body="""\
Dear Mr Patel

In terms of section 17 of FOISA, the council does not hold the information you have
requested: the CCTV contracts are held by Glasgow Life.

Information and Data Protection Team
""",
)

message(
    "met_further_details", "holdout2", expect("m3tp", "clarification-requested"),
    frm="MPS Information Rights Unit <foi@met.police.uk>",
    subject="01/FOI/23/031412 - further information needed",
    date="Wed, 24 May 2023 10:00:00 +0100",
    body="""\
Dear Sam Patel

To enable us to locate the information, please provide further details of the
dates you are interested in. Your request will be on hold until we hear from you.

Information Rights Unit
""",
)

message(
    "mailbox_full", "holdout2", expect(None, None),
    frm="IT Support <it-support@example.net>",
    subject="Your mailbox is almost full",
    date="Mon, 03 Jul 2023 07:00:00 +0100",
    body="""\
Your mailbox has reached 95% of its limit. Please delete old messages.
""",
)

message(
    "leeds_wdtk_second_response", "holdout2", expect("l33d", None),
    frm="WhatDoTheyKnow <do-not-reply-to-this-address@whatdotheyknow.com>",
    subject="New response to your FOI request - Parking fines income",
    date="Mon, 24 Jul 2023 18:01:00 +0100",
    body="""\
You have a new response to the Freedom of Information request 'Parking fines
income' that you made to Leeds City Council.

To view the response, click on the link below.

https://www.whatdotheyknow.com/request/parking_fines_income_2022_23/response/2399012

-- the WhatDoTheyKnow team
""",
)

message(
    "manchester_vexatious", "holdout2", expect("m4nc", "responded", "refused", ["s14"]),
    frm="Manchester City Council FOI <foi@manchester.gov.uk>",
    subject="RE: Freedom of Information request: Council tax debt collection",
    date="Wed, 05 Jul 2023 09:00:00 +0100", in_reply_to="<req-manchester-ctax.11@example.org>",
    body="""\
Dear Mr Patel

We consider your request to be vexatious under section 14(1) of the Freedom of
Information Act, and we will not be dealing with it further.

Manchester City Council
""",
)

message(
    "camden_parking_spreadsheet", "holdout2", expect("c4md", "responded", "granted"),
    frm="FOI Team <foi@camden.gov.uk>",
    subject="Parking suspensions for filming - response CAM/2023/4471",
    date="Tue, 04 Jul 2023 11:00:00 +0100",
    body="""\
Dear Sam,

I can confirm the council holds the information; it is in the attached spreadsheet.

FOI Team
""",
)
