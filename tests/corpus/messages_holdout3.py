"""Set B, the corpus's `holdout3` (see later_sets.py). Written for this corpus; every person and
reference is invented."""

from later_sets import bounce_builder, csv, docx, expect, msg, pdf

S = "B"

LAMBETH_FOOTER = """\
--
London Borough of Lambeth | Information Governance | PO Box 734, Winchester SO23 5DG

This email and any files transmitted with it are confidential and intended solely for the
addressee. Any correspondence with the council may be disclosed under the Freedom of
Information Act 2000, section 40 of which protects personal information about third parties.
If you have received this email in error please notify the sender and delete it.
"""

# 1. Two Lambeth requests: only the reference says which one this is.
msg(S, "lambeth_extension_ref_only", expect("l8mb", "extended", until="2023-08-14"),
    frm="Information Governance <foi@lambeth.gov.uk>",
    subject="Your request ref: FOI/2023/0718",
    when="2023-07-13 15:47",
    body="""\
Dear Mr Patel

Re: FOI/2023/0718

I am writing about your request with the reference shown above.

Some of the information falls within the exemption at section 31(1)(g) of the Act, which is
subject to the public interest test. Section 10(3) permits us to extend the time for
responding while that test is considered, and we are doing so in this case.

We now expect to send you our full response by 14th August 2023. If we are able to respond
sooner we will.

I apologise for any inconvenience this causes.

Yours sincerely

Tendai Moyo
Information Governance Officer
""" + LAMBETH_FOOTER)

# 2. HTML-only partial disclosure with the exemption inside a table.
msg(S, "lambeth_ta_partial_table", expect("l4mb", "responded", "partial", ["s43(2)"]),
    frm="Information Governance <foi@lambeth.gov.uk>",
    subject="FOI/2023/0123 - Temporary accommodation spending - Response",
    when="2023-02-20 11:26",
    in_reply_to="<req-lambeth-ta.21@example.org>",
    html="""\
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
<body style="font-family:Arial,sans-serif;font-size:11pt">
<p>Dear Mr Patel,</p>
<p><b>Freedom of Information Act 2000 &ndash; FOI/2023/0123</b></p>
<p>Thank you for your request of 23 January 2023. Our answers to each part are set out below.</p>
<table border="1" cellpadding="4" cellspacing="0" style="border-collapse:collapse">
<tr style="background:#d9e2f3"><th>Your question</th><th>Our response</th></tr>
<tr><td>1. Total spent on nightly-paid temporary accommodation in 2021/22 and 2022/23</td>
<td>2021/22: &pound;38,412,905<br>2022/23: &pound;44,960,118</td></tr>
<tr><td>2. The ten providers paid the most, with the amount paid to each</td>
<td>The names of the ten providers are listed in the attached spreadsheet. The amount paid to each
provider has been withheld under Section 43(2) &ndash; commercial interests. Our public interest
test is explained below.</td></tr>
<tr><td>3. Average nightly rate per room</td><td>&pound;61.20 (2022/23)</td></tr>
<tr><td>4. Number of households placed outside the borough</td><td>1,147 as at 31 December 2022</td></tr>
</table>
<p><b>Public interest test</b><br>
Releasing the amount paid to individual providers would reveal the rates each one has agreed
with the council. Providers negotiate with several London boroughs at once, and we consider that
disclosure would weaken the council&#8217;s position in those negotiations. We accept there is a
public interest in transparency about spending, which is met in part by the totals above.</p>
<p>If you are dissatisfied with the handling of your request, you may ask for an internal review
within 40 working days.</p>
<p>Yours sincerely,<br>Tendai Moyo<br>Information Governance Officer</p>
<p style="font-size:8pt;color:#777">This email and any files transmitted with it are confidential.
Any correspondence with the council may be disclosed under the Freedom of Information Act 2000,
section 40 of which protects personal information about third parties.</p>
</body></html>
""",
    attachments=[csv("FOI-2023-0123 providers.csv",
                     "Provider\nAldgate Lettings Ltd\nBeacon Rooms Ltd\nCanal Side Hostels\n"
                     "Deansgate Accommodation LLP\nEverstay Group\nFairmile Homes\nGrafton House Ltd\n"
                     "Harbour Nights Ltd\nIronbridge Residential\nJubilee Court Lettings\n")])

# 3. Acknowledgement with a CRM-style reference, text + HTML alternative.
msg(S, "southwark_ack_crm", expect("sw7k", "acknowledged", ref="CRM:0012345"),
    frm="Southwark Council <foi@southwark.gov.uk>",
    subject="Information request received [CRM:0012345]",
    when="2023-06-20 09:03",
    headers=[("Auto-Submitted", "auto-generated")],
    body="""\
Dear Sam Patel

Thank you for contacting Southwark Council.

We have received your request for information, which we will deal with under the Freedom
of Information Act 2000. Your case reference is CRM:0012345.

Summary of your request: Estate regeneration consultants

We will respond promptly and in any event within 20 working days of receipt, which in your
case means by 17 July 2023.

Please do not reply to this email; this mailbox is not monitored. To contact us about this
request, quote the case reference above.

Information Governance Team
Southwark Council
""",
    html="""\
<html><body>
<p>Dear Sam Patel</p>
<p>Thank you for contacting Southwark Council.</p>
<p>We have received your request for information, which we will deal with under the Freedom of
Information Act 2000. Your case reference is <strong>CRM:0012345</strong>.</p>
<p>Summary of your request: <em>Estate regeneration consultants</em></p>
<p>We will respond promptly and in any event within 20 working days of receipt, which in your case
means by <strong>17 July 2023</strong>.</p>
<p>Please do not reply to this email; this mailbox is not monitored.</p>
<p>Information Governance Team<br>Southwark Council</p>
</body></html>
""")

# 4. Top-posted partial response; the quoted request mentions section 40, fees and refusing.
msg(S, "southwark_partial_quoting_request", expect("sw7k", "responded", "partial", ["s43(2)"]),
    frm="Bukola Adeyemi <foi@southwark.gov.uk>",
    subject="RE: Freedom of Information request: Estate regeneration consultants",
    when="2023-07-17 16:52",
    body="""\
Dear Sam

Please find our response to your request below. I apologise that it is on the last day.

The council has appointed eleven consultancy firms to work on the Aylesham Green and
Camberwell Yards regeneration schemes since April 2019. Their names, the scheme each
worked on and the total paid to each firm in each financial year are in the attached
spreadsheet.

You also asked for the day rates charged by each firm. We hold this information but have
decided to withhold it. The day rates are exempt under section
43(2) of the Freedom of Information Act because their release would be likely to prejudice
the commercial interests of the firms and of the council, which is about to retender this
work. We have weighed the public interest and concluded it favours withholding the rates
at this time, although the annual totals we have released show how much has been spent.

If you are unhappy with this response you can ask for an internal review by writing to
foi@southwark.gov.uk within 40 working days. If you remain dissatisfied you can then
complain to the Information Commissioner.

Kind regards

Bukola Adeyemi
Information Governance Officer
Southwark Council

From: Sam Patel <sam.patel@example.org>
Sent: 19 June 2023 08:12
To: FOI <foi@southwark.gov.uk>
Subject: Freedom of Information request: Estate regeneration consultants

Dear Southwark Council,

Under the Freedom of Information Act 2000, please send me:

1. The names of all consultancy firms engaged on estate regeneration since April 2019.
2. The total paid to each firm in each financial year.
3. The day rates each firm charges.

I am not asking for the names of any individual consultants, so section 40 should not be
an obstacle. If answering in full would exceed the fee limit, please tell me how I could
narrow the request rather than refuse it outright.

Yours faithfully,
Sam Patel
""",
    attachments=[csv("CRM-0012345 consultants.csv",
                     "Firm,Scheme,2019/20,2020/21,2021/22,2022/23\n"
                     "Arbor Place Partners,Aylesham Green,112000,240500,198250,87000\n"
                     "Bright Quay Advisory,Camberwell Yards,0,64000,131400,150900\n"
                     "Calder Urban Ltd,Both,45500,88000,92300,101000\n")])

# 5. Automatic receipt for our chaser: nothing to record.
msg(S, "norfolk_chaser_autoreceipt", expect("n0rf", None),
    frm="Norfolk County Council Information Compliance <foi@norfolk.gov.uk>",
    subject="Automatic reply: Overdue Freedom of Information request: SEND transport contracts",
    when="2023-07-04 09:15",
    in_reply_to="<chaser-norfolk-send.23@example.org>",
    headers=[("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")],
    body="""\
Thank you for your email to the Information Compliance Team at Norfolk County Council.

This is an automatic message to let you know that your email has arrived. We are currently
receiving a very high number of requests and it may take us longer than usual to reply.

If you are asking about a request you have already made, there is no need to send it again;
a member of the team will look at your email and reply as soon as possible.

Information Compliance Team
Norfolk County Council
County Hall, Martineau Lane, Norwich NR1 2DH
""")

# 6. Headed "fees notice", but it is a refusal under section 12.
msg(S, "norfolk_fees_notice_is_s12", expect("n0rf", "responded", "refused", ["s12"]),
    frm="Norfolk County Council Information Compliance <foi@norfolk.gov.uk>",
    subject="Fees Notice - FOI-113587 - SEND transport contracts",
    when="2023-07-06 14:30",
    body="""\
Dear Mr Patel

Freedom of Information request FOI-113587

Thank you for your patience while we worked on your request for every home-to-school
transport contract for pupils with special educational needs let since 2018, with the
price, the number of pupils carried and any penalties applied.

Our contracts are let route by route and there are around 1,400 of them. The penalty
information is not kept centrally and would have to be found in the file for each route.
Our transport team estimate that it would take 39 hours to locate, retrieve and extract
that information. At the rate of £25 an hour set by the Fees Regulations this comes to
£975.

The appropriate limit for local authorities is £450. Section 12 of the Freedom of
Information Act means the council is not obliged to comply with a request where the cost
of compliance would exceed that limit, and we will not therefore be providing the
information. This email is our refusal notice.

Advice and assistance: if you were to leave out the penalty information, or restrict your
request to contracts let in the 2022/23 financial year, we expect we could answer within
the limit. Please send us a new request if you would like to do that.

If you are unhappy with the way your request has been handled you can ask for an internal
review within 40 working days of the date of this email.

Yours sincerely

Harriet Gooding
Information Compliance Officer
""")

# 7. Internal review outcome only in a Word attachment.
msg(S, "norfolk_review_upheld_docx", expect("n0rf", "review-responded", "upheld", ["s12"]),
    frm="Norfolk County Council Information Compliance <foi@norfolk.gov.uk>",
    subject="Internal review IR-2023-77",
    when="2023-08-15 12:05",
    body="""\
Dear Mr Patel

Please see the attached letter.

Regards

Information Compliance Team
Norfolk County Council
""",
    attachments=[docx("IR-2023-77 review letter.docx",
        "# Norfolk County Council - Internal review IR-2023-77",
        "Original request: FOI-113587 (SEND transport contracts)",
        "Dear Mr Patel",
        "You asked us on 10 July 2023 to review our refusal of your request. You said that the "
        "council should keep penalty information centrally and that the estimate of 39 hours was "
        "too high.",
        "I was not involved in the original decision. I have spoken to the transport team and "
        "sampled twenty route files. Finding the penalty records took on average just under two "
        "minutes a file, which supports the estimate given to you.",
        "I am satisfied that the cost of complying with your request would exceed the appropriate "
        "limit and that section 12 was correctly applied. I therefore uphold the original response.",
        "If you are not content with the outcome of this review you may apply to the Information "
        "Commissioner for a decision.",
        "Yours sincerely",
        "Marcus Ellery, Head of Information Management",
    )])

# 8. Bottom-posted clarification under the quoted request.
msg(S, "devon_clarify_bottom_posted", expect("d3vn", "clarification-requested"),
    frm="Devon County Council FOI <foi@devon.gov.uk>",
    subject="RE: Freedom of Information request: Pothole compensation claims",
    when="2023-07-05 10:41",
    in_reply_to="<req-devon-potholes.34@example.org>",
    body="""\
Sam Patel wrote:
> Dear Devon County Council,
>
> Please tell me how many compensation claims for pothole damage the council received
> in each of the last three financial years, how many it paid, and the total paid out.
>
> If answering would go over the section 12 cost limit, please refuse only the part
> that would, and answer the rest.
>
> Thank you,
> Sam Patel

Dear Sam

Thank you for your request. Before we can begin, could you tell us whether you would like
the figures to include personal injury claims (for example trips and falls on the
footway), or claims for damage to vehicles only? They are recorded on different systems.

Once we hear from you we will log your request and the 20 working days will start from
the date of your reply.

Many thanks

Rhiannon Cole
Information Governance Team
Devon County Council
""")

# 9. Our request to Devon bounced (recipient mailbox full): nothing to record.
msg(S, "devon_request_bounced_mailbox_full", expect("d3vn", None),
    frm="Mail Delivery System <MAILER-DAEMON@mx1.example.org>",
    subject="Undelivered Mail Returned to Sender",
    when="2023-07-03 08:02",
    builder=bounce_builder(
        reporting_mta="mx1.example.org",
        recipient="foi@devon.gov.uk",
        status="5.2.2",
        diagnostic="smtp; 552 5.2.2 <foi@devon.gov.uk>: Mailbox full - quota exceeded",
        style="headers",
        human="""\
This is the mail system at host mx1.example.org.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<foi@devon.gov.uk>: host devon-gov-uk.mail.protection.outlook.com[52.101.0.1]
    said: 552 5.2.2 <foi@devon.gov.uk>: Mailbox full - quota exceeded (in reply
    to end of DATA command)
""",
        original_headers="""\
From: Sam Patel <sam.patel@example.org>
To: foi@devon.gov.uk
Subject: Freedom of Information request: Pothole compensation claims
Date: Mon, 03 Jul 2023 08:01:44 +0100
Message-ID: <req-devon-potholes.34@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
"""))

# 10. Devon confirms it has the clarification and restarts the clock.
msg(S, "devon_clarification_received", expect("d3vn", "clarified"),
    frm="Devon County Council FOI <foi@devon.gov.uk>",
    subject="RE: Freedom of Information request: Pothole compensation claims",
    when="2023-07-07 11:18",
    body="""\
Dear Sam

Thank you for confirming that you are interested in claims for damage to vehicles only.

We have now passed your request to our Highways team. As your clarification reached us on
7 July, the 20 working days run from that date and you can expect our response by
4 August 2023.

Kind regards

Rhiannon Cole
Information Governance Team
Devon County Council
""")

# 11. windows-1252, quoted-printable, "no recorded information".
msg(S, "tewkesbury_no_recorded_info_cp1252", expect("tw3k", "responded", "not-held"),
    frm="Tewkesbury Borough Council <foi@tewkesbury.gov.uk>",
    subject="RE: Freedom of Information request: Garden waste subscription income",
    when="2023-07-10 13:09",
    in_reply_to="<req-tewkesbury-garden.24@example.org>",
    charset="windows-1252", cte="quoted-printable",
    body="""\
Dear Mr Patel

Freedom of Information Act 2000 – your request of 26 June 2023

You asked for the income from garden waste subscriptions for 2020/21 to 2022/23, and the
number of subscribers in each ward.

I’m sorry to tell you that the Council holds no recorded information within the scope of
your request. Garden waste collections in the borough are run by Ubico Ltd under a
contract with the Council, and subscriptions are sold and managed by Ubico through its own
system. The Council receives a single “contract sum” each quarter and is not given a
breakdown by subscription or by ward.

You may wish to ask Ubico directly; although it is not itself subject to the Act, it may
be willing to help.

If you’re not satisfied with this response you can request an internal review within
40 working days.

Yours sincerely

Joanne Whitlock
Democratic Services – Information Requests
Tewkesbury Borough Council
""")

# 12. Marketing mail from an authority with a tracked request on a similar topic.
msg(S, "tewkesbury_garden_waste_renewal", expect(None, None),
    frm="Tewkesbury Borough Council <noreply@tewkesbury.gov.uk>",
    subject="Garden waste: renew your subscription for 2023/24",
    when="2023-07-18 07:30",
    headers=[("List-Unsubscribe", "<https://tewkesbury.example/unsubscribe?u=88412>"), ("Precedence", "bulk")],
    html="""\
<html><body style="font-family:Verdana,sans-serif">
<h2 style="color:#2e7d32">It's time to renew your garden waste subscription</h2>
<p>Your brown bin subscription runs out on 31 July. Renew now to keep your fortnightly
collections going through the autumn.</p>
<p><b>Price for 2023/24:</b> &pound;48 per bin (&pound;43 if you renew online before 31 July).</p>
<p><a href="https://tewkesbury.example/garden-waste">Renew online</a></p>
<p style="font-size:8pt">You are receiving this because you signed up for council news. Tewkesbury
Borough Council, Council Offices, Gloucester Road, Tewkesbury GL20 5TT.</p>
</body></html>
""")

# 13. WhatDoTheyKnow notification about a request that is not in the tracker.
msg(S, "wdtk_untracked_request", expect(None, None),
    frm="WhatDoTheyKnow <do-not-reply-to-this-address@whatdotheyknow.com>",
    subject="New response to your FOI request - Public toilet closures",
    when="2023-07-21 17:02",
    body="""\
You have a new response to the Freedom of Information request
'Public toilet closures' that you made to Tewkesbury Borough Council.

Follow this link to see the response:
https://www.whatdotheyknow.com/request/public_toilet_closures_2019_2023/response/2411873

Please let us know whether the response contained the information you asked for by
updating the status of your request.

-- the WhatDoTheyKnow team
""")

# 14. Bilingual Welsh/English acknowledgement.
msg(S, "gwynedd_ack_bilingual", expect("gw1n", "acknowledged", ref="GC-23-0789"),
    frm="Gwenllïan Prys <rhyddid.gwybodaeth@gwynedd.llyw.cymru>",
    subject="Cais Rhyddid Gwybodaeth / Freedom of Information Request - GC-23-0789",
    when="2023-06-08 10:22",
    body="""\
Annwyl Sam Patel,

Cais Rhyddid Gwybodaeth – Cyfeirnod: GC-23-0789

Diolch am eich cais am wybodaeth, a dderbyniwyd ar 7 Mehefin 2023. Byddwn yn ymateb cyn
gynted â phosibl, a dim hwyrach nag ugain diwrnod gwaith o ddyddiad ei dderbyn.

Yn gywir,

Gwenllïan Prys
Swyddog Rhyddid Gwybodaeth

------------------------------------------------------------------

Dear Sam Patel,

Freedom of Information Request – Reference: GC-23-0789

Thank you for your request for information, received on 7 June 2023. We will respond as
soon as possible and no later than twenty working days from the date of receipt.

Yours sincerely,

Gwenllïan Prys
Freedom of Information Officer

Cyngor Gwynedd / Gwynedd Council
Swyddfa'r Cyngor, Caernarfon LL55 1SH

Rydym yn croesawu gohebiaeth yn Gymraeg a Saesneg.
We welcome correspondence in Welsh and English.
""")

# 15. WhatDoTheyKnow notification for a tracked WDTK request: nothing to record.
msg(S, "cardiff_wdtk_new_response", expect("cd1f", None),
    frm="WhatDoTheyKnow <do-not-reply-to-this-address@whatdotheyknow.com>",
    subject="New response to your FOI request - Bus lane fines",
    when="2023-08-02 18:14",
    body="""\
You have a new response to the Freedom of Information request
'Bus lane fines' that you made to City of Cardiff Council.

Follow this link to see the response:
https://www.whatdotheyknow.com/request/bus_lane_fines_by_camera_2022_23/response/2421990

Please let us know whether the response contained the information you asked for by
updating the status of your request.

-- the WhatDoTheyKnow team
""")

# 16. Forwarded by a colleague (Outlook inline style): PSNI NCND.
msg(S, "psni_ncnd_forwarded", expect("ps4n", "responded", "neither-confirm-nor-deny", ["s24", "s31"]),
    frm="Ciarán Ó Murchú <ciaran.omurchu@newsdesk.example.net>",
    subject="FW: PSNI FOI F-2023-01877",
    when="2023-06-27 17:40",
    body="""\
Sam - this came into the desk inbox rather than yours. Forwarding in full.
C.

________________________________
From: PSNI Freedom of Information <foi@psni.police.uk>
Sent: 27 June 2023 15:12
To: newsdesk <newsdesk@newsdesk.example.net>
Subject: PSNI FOI F-2023-01877

PSNI Freedom of Information Request Reference Number: F-2023-01877

Dear Mr Patel,

Your request for information dated 30 May 2023 has now been considered.

Request
1. Does PSNI use mobile phone extraction kiosks supplied by Cellebrite or any other company?
2. How many extractions were carried out at each station in 2022?
3. Has PSNI used any tool to extract data from phones remotely?

Answer
PSNI can neither confirm nor deny that it holds the information you have requested, by
virtue of the exemptions under sections 24 and 31 (Neither Confirm Nor Deny). Confirming or denying whether particular tools or
capabilities are used would tell criminals which techniques they need to avoid. This
should not be taken as an indication that the information you requested is or is not held.

Review procedure
If you are dissatisfied with this response you may ask for an internal review within two
months of the date of this letter, by writing to the Corporate Information Branch.

Disclosure Unit
Corporate Information Branch
Police Service of Northern Ireland
""")

# 17. Acknowledgement of an internal review request that the tracker does not yet show.
msg(S, "psni_review_request_received", expect("ps4n", "review-requested"),
    frm="PSNI Freedom of Information <foi@psni.police.uk>",
    subject="Request for Review: F-2023-01877",
    when="2023-07-04 09:55",
    body="""\
Dear Mr Patel,

I acknowledge receipt of your email of 3 July 2023 in which you ask for an internal review
of the response to your Freedom of Information request F-2023-01877.

The review will be carried out by a member of staff who was not involved in the original
decision. We aim to complete internal reviews within 20 working days and will write to you
with the outcome.

Yours sincerely,

Aoife McCallion
Review Officer
Corporate Information Branch
""")

# 18. Out-of-office from an officer, in reply to our request.
msg(S, "wyp_out_of_office", expect("wy9p", None),
    frm="Siobhán Ní Bhriain <siobhan.nibhriain@westyorkshire.police.uk>",
    subject="Automatic reply: Freedom of Information request: Taser use on children",
    when="2023-06-20 08:44",
    in_reply_to="<req-wyp-taser.25@example.org>",
    headers=[("Auto-Submitted", "auto-replied")],
    body="""\
Thank you for your email.

I am on annual leave until Monday 26 June and will not be checking my messages. For
Freedom of Information requests please write to foi@westyorkshire.police.uk, where a
colleague will log your request.

In an emergency always dial 999.

Siobhán
""")

# 19. Extension with no date: "a further 20 working days".
msg(S, "wyp_extension_further_20_days", expect("wy9p", "extended"),
    frm="West Yorkshire Police FOI <foi@westyorkshire.police.uk>",
    subject="RE: Freedom of Information request: Taser use on children",
    when="2023-07-17 15:20",
    in_reply_to="<req-wyp-taser.25@example.org>",
    body="""\
Dear Mr Patel

FREEDOM OF INFORMATION REQUEST REFERENCE NO: 5874/23

I write in connection with your request for information received on 20 June 2023.

Some of the information you have asked for may engage the qualified exemptions at
section 31 (Law Enforcement) and section 38 (Health and Safety). Section 10(3) of the
Act allows us to extend the time for our response where we need to consider the public
interest, and we are doing so here.

We will endeavour to respond within a further 20 working days.

Yours sincerely

Freedom of Information Unit
West Yorkshire Police
""")

# 20. Refusal, latin-1 8bit; "Section 31(1)(a) and (b)" split over lines; s38 considered but not used.
msg(S, "wyp_refusal_latin1", expect("wy9p", "responded", "refused", ["s31(1)(a)", "s31(1)(b)", "s40(2)"]),
    frm="West Yorkshire Police FOI <foi@westyorkshire.police.uk>",
    subject="FOI 5874/23 - Decision",
    when="2023-08-14 16:03",
    charset="iso-8859-1", cte="8bit",
    body="""\
Dear Mr Patel

FREEDOM OF INFORMATION REQUEST REFERENCE NO: 5874/23

Thank you for your patience. You asked for copies of the incident reports for every
occasion in 2022 on which a Taser was drawn, aimed or fired at a person under 18 in West
Yorkshire.

DECISION
West Yorkshire Police holds the information you have requested. However, I have decided
that it is exempt from disclosure and it is therefore withheld in full.

REASONS
Section 31(1)(a)
and (b) - Law Enforcement. The reports describe tactics used in specific incidents and the
locations at which they took place. Releasing them would assist those seeking to evade or
frustrate officers and would be likely to prejudice the prevention and detection of crime
and the apprehension of offenders.

Section 40(2) - Personal Information. The reports concern identifiable children and
contain their names, ages and the circumstances of each incident.

I have also considered section 38 (Health and Safety), but I do not consider that it is
engaged in this case.

PUBLIC INTEREST TEST
I have considered the public interest in openness about the use of force on children,
which is considerable. The force already publishes annual figures on Taser use by age
group. On balance I have decided that the public interest favours maintaining the
exemption at section 31.

COMPLAINT RIGHTS
If you are dissatisfied with this decision you may ask for an internal review within 40
working days. If you are still dissatisfied you may then complain to the Information
Commissioner under section 50 of the Act.

Yours sincerely

Gráinne Duffy
Disclosure Officer
""")

# 21. Subject access request acknowledgement.
msg(S, "gmp_sar_ack", expect("gm2p", "acknowledged", ref="SAR/2023/004417"),
    frm="GMP Subject Access Team <subjectaccess@gmp.police.uk>",
    subject="Your subject access request - SAR/2023/004417",
    when="2023-07-18 10:10",
    in_reply_to="<req-gmp-sar.26@example.org>",
    body="""\
Dear Mr Patel

Right of access request - UK GDPR Article 15 / Data Protection Act 2018 section 45

We have received your request for a copy of the personal data that Greater Manchester
Police holds about you, together with the identification documents you sent. Your
request has been given the reference SAR/2023/004417.

We have one calendar month to respond, so you should receive our response by 17 August
2023.

Please quote the reference above in all correspondence.

Subject Access Team
Information Compliance and Records Management Unit
Greater Manchester Police
""")

# 22. EIR acknowledgement that also extends, with the date written day-first.
msg(S, "ea_eir_ack_and_extension", expect("ea5e", "extended", ref="EIR/23/30127", until="2023-09-04"),
    frm="Environment Agency National Requests Team <enquiries@environment-agency.gov.uk>",
    subject="RE: Environmental Information Regulations request: River Wye phosphate permits",
    when="2023-07-10 11:36",
    in_reply_to="<req-ea-wye.30@example.org>",
    body="""\
Dear Sam Patel

Our reference: EIR/23/30127

Thank you for your request for information about permits and compliance monitoring for
phosphate discharges to the River Wye and its tributaries. We received it on 7 July 2023
and we are dealing with it under the Environmental Information Regulations 2004.

Your request covers more than 300 permitted sites and five years of monitoring returns.
We consider it both complex and voluminous, and under regulation 7(1) we are extending the
time for our reply from 20 to 40 working days. We will therefore respond on or before
4/9/2023.

If you would like to narrow your request so that we can respond sooner, please reply to
this email quoting the reference above.

Kind regards

Naomi Fairbairn
National Requests Team
Environment Agency
""")

# 23. "Please find attached"; the outcome is only in the PDF. Signature disclaimer mentions section 40.
msg(S, "leeds_teaching_granted_pdf_only", expect("lt5h", "responded", "granted"),
    frm="FOI Office <foi.leedsth@nhs.net>",
    subject="FOI 2023/1187 Response",
    when="2023-06-30 14:44",
    body="""\
Dear Sam Patel

Please find attached the Trust's response to your Freedom of Information request.

Kind regards

FOI Office
Leeds Teaching Hospitals NHS Trust

********************************************************************************
This message may contain confidential information. If you are not the intended recipient
please inform the sender that you have received the message in error before deleting it.
Information sent to or by the Trust may be disclosable under the Freedom of Information Act
2000, subject to exemptions such as section 40 (personal information).
********************************************************************************
""",
    attachments=[pdf("FOI 2023-1187 response.pdf", """\
Leeds Teaching Hospitals NHS Trust
Freedom of Information Office

Our ref: FOI 2023/1187
Date: 30 June 2023

Dear Sam Patel

You asked for the Trust's spending on agency nursing staff, as clarified in your email of
7 June 2023 (bank and agency staff together).

1. Total spend on agency and bank nursing staff
   2020/21: GBP 21,904,330
   2021/22: GBP 27,118,742
   2022/23: GBP 31,660,015

2. The five agencies used most in 2022/23, by spend
   Northern Care Staffing; Pennine Nurses; Medirota UK; Apex Clinical; Aire Valley Agency

3. The highest hourly rate paid for an agency registered nurse in 2022/23
   GBP 96.50

The Trust has provided all of the information you requested.

If you are unhappy with the way your request has been handled you may ask for an internal
review by writing to the FOI Office within 40 working days.""")])

# 24. HTML-only fee notice for printing and postage; the total is one of three sums.
msg(S, "barts_fee_notice_html", expect("bh2t", "fee-notice", amount=12.40),
    frm="Barts Health FOI <bartshealth.foi@nhs.net>",
    subject="RE: Freedom of Information request: Hospital car parking income - Fees notice",
    when="2023-07-12 12:12",
    in_reply_to="<req-barts-parking.27@example.org>",
    html="""\
<html><body style="font-family:Calibri,sans-serif">
<p>Dear Mr Patel</p>
<p>Thank you for your request about car parking income at our hospitals.</p>
<p>You asked for the information to be sent to you on paper. The penalty charge notices
register runs to 48 pages. Under section 9 of the Freedom of Information Act and the Fees
Regulations, we can charge for the cost of printing and postage:</p>
<ul>
<li>Printing: 48 pages at 10p per page = &pound;4.80</li>
<li>Postage (signed for): &pound;7.60</li>
</ul>
<p><b>Total fee: &pound;12.40</b></p>
<p>We will send the information when we receive payment. The 20 working days within which
we must respond do not run while we are waiting for payment, and if we do not receive it
within three months we will close your request.</p>
<p>Alternatively, if you are happy to receive the information by email, there will be no
charge.</p>
<p>Kind regards<br>Information Governance<br>Barts Health NHS Trust</p>
</body></html>
""")

# 25. FOISA fee received; Gaelic greeting and sign-off.
msg(S, "highland_fee_received", expect("hi6h", "fee-paid", amount=15.0),
    frm="Mòrag NicDhòmhnaill <foi@highland.gov.uk>",
    subject="FOISA-23-0456 - payment received",
    when="2023-07-03 14:25",
    body="""\
A Charaid,

Freedom of Information (Scotland) Act 2002 – FOISA-23-0456

Thank you for your payment of £15.00, which we received on 3 July 2023 in response to the
fees notice issued to you on 27 June.

Your request has now been reactivated. Under section 9(4) of the Act the time spent
waiting for payment does not count, so we will respond by 24 July 2023.

Le deagh dhùrachd,

Mòrag NicDhòmhnaill
Oifigear Fiosrachaidh / Information Officer
Comhairle na Gàidhealtachd / The Highland Council
""")

# 26. FOISA review partly overturned; "s38 FOISA"; section 21(4)(b) is procedure, not an exemption.
msg(S, "lothian_review_partly_s38", expect("nl0t", "review-responded", "partly-overturned", ["s38"]),
    frm="NHS Lothian Freedom of Information <loth.foi@nhs.scot>",
    subject="Review of FOI 1102/23 - CAMHS waiting times",
    when="2023-08-16 15:30",
    in_reply_to="<review-lothian-camhs.35@example.org>",
    body="""\
Dear Mr Patel

Requirement for review – FOI 1102/23

I have now carried out the review you required on 20 July 2023 of our response to your
request for CAMHS waiting times by locality and month.

The original response withheld all figures for the Midlothian and East Lothian
localities, on the basis that the numbers were small enough to identify individual young
people. Having examined the figures, I consider that this was too cautious for most
months. In terms of section 21(4)(b) of FOISA I have substituted a different decision for
part of the original response: the monthly figures for both localities are now released
in the attached table, except where a figure is between one and four.

Those small figures remain withheld under s38 FOISA (personal information), as releasing
them, together with other information in the public domain, could lead to the
identification of the young people concerned.

If you remain dissatisfied you may apply to the Scottish Information Commissioner within
six months of receiving this letter.

Yours sincerely

Dr Lachlan Baird
Reviewing Officer, Information Governance
NHS Lothian
""",
    attachments=[csv("1102-23 review table.csv",
                     "Locality,Month,Waiting over 18 weeks\n"
                     "Midlothian,2023-01,23\nMidlothian,2023-02,*\nMidlothian,2023-03,19\n"
                     "East Lothian,2023-01,31\nEast Lothian,2023-02,28\nEast Lothian,2023-03,*\n"
                     "* figure between 1 and 4 withheld\n")])

# 27. ICO case allocated: the complaint is already in the tracker.
msg(S, "dfe_ico_case_allocated", expect("df3e", "note"),
    frm="ICO Casework <icocasework@ico.org.uk>",
    subject="Your information rights complaint - IC-251234-X9Y8",
    when="2023-08-30 10:05",
    body="""\
Dear Mr Patel

Our reference: IC-251234-X9Y8

Complaint about the Department for Education

Your case has now been allocated to me. I have written to the Department today to ask for
a copy of the withheld information and for its arguments about section 35(1)(a) and
section 36(2)(b). I have asked it to reply within 20 working days.

I will contact you again once I have considered the Department's response. You do not
need to do anything at this stage.

Yours sincerely

Oluwaseun Bakare
Case Officer
Information Commissioner's Office
Wycliffe House, Water Lane, Wilmslow SK9 5AF

For information about what we do with personal data see our privacy notice at ico.org.uk/privacy-notice
""")

# 28. ICO decision: complaint upheld (the Commissioner orders disclosure).
msg(S, "dfe_ico_decision_upheld", expect("df3e", "decision", "upheld"),
    frm="ICO Decision Notices <icocasework@ico.org.uk>",
    subject="IC-251234-X9Y8 - Decision notice",
    when="2023-11-21 09:12",
    body="""\
Dear Mr Patel

Reference: IC-251234-X9Y8
Public authority: Department for Education

The Commissioner has now made a decision on your complaint and a copy of the decision
notice is attached. The decision notice will be published on our website.

The Commissioner's decision is that the Department was not entitled to withhold the
condition survey summaries under section 35(1)(a) or section 36(2)(b) of FOIA: the
policy on which schools join the rebuilding programme had already been announced when
you made your request, and the Commissioner is not persuaded that disclosure would
inhibit officials.

The Commissioner requires the Department to disclose the requested information within
35 calendar days of the date of the decision notice.

Either party has the right to appeal to the First-tier Tribunal (Information Rights)
within 28 days.

Yours sincerely

Oluwaseun Bakare
Case Officer
""")

# 29. SIC decision: partly in the requester's favour, without using the word "upheld".
msg(S, "sg_sic_decision_partly", expect("sg8v", "decision", "partly-upheld"),
    frm="Scottish Information Commissioner <enquiries@foi.scot>",
    subject="Decision 167/2023: Mr Sam Patel and the Scottish Ministers",
    when="2023-11-08 14:00",
    body="""\
Dear Mr Patel

Our reference: 202300987

Please find attached a copy of Decision 167/2023, which will be published on our website
in the coming days.

Summary
The Commissioner finds that the Scottish Ministers partially complied with Part 1 of
FOISA in responding to your request for the legal advice given on the ferry contracts.

The Ministers were entitled to withhold the legal advice itself under section 36(1)
(confidentiality of communications). However, they were wrong to withhold the
instructions to external advisers and the related briefing under section 30(b)(i), and
the Commissioner requires the Ministers to disclose that information to you by 22
December 2023.

Should either you or the Ministers wish to appeal, you may appeal to the Court of Session
on a point of law only, within 42 days.

Yours sincerely

Eilidh Sutherland
Deputy Head of Enforcement
""")

# 30. ICO decision notice: the outcome is only in the PDF.
msg(S, "lambeth_ico_decision_pdf", expect("l4mb", "decision", "not-upheld"),
    frm="ICO Decision Notices <icocasework@ico.org.uk>",
    subject="Decision notice IC-221760-W5D1",
    when="2023-10-05 11:40",
    body="""\
Dear Mr Patel

Please find attached the Commissioner's decision notice in relation to your complaint
about the London Borough of Lambeth.

Yours sincerely

Case Officer
Information Commissioner's Office

The ICO is subject to the Freedom of Information Act 2000. Any information you send us may
be disclosed in response to a request, subject to the exemptions in the Act, such as
section 40.
""",
    attachments=[pdf("IC-221760-W5D1 decision notice.pdf", """\
Freedom of Information Act 2000 (FOIA)
Decision notice

Date: 5 October 2023
Public Authority: London Borough of Lambeth
Address: Lambeth Town Hall, Brixton Hill, London SW2 1RW

Decision (including any steps ordered)

1. The complainant requested information about spending on temporary accommodation,
   including the amounts paid to the ten largest providers.

2. The council disclosed most of the information but withheld the amounts paid to each
   provider under section 43(2) of FOIA (commercial interests).

3. The Commissioner's decision is that the council was entitled to rely on section 43(2)
   and that the public interest favours maintaining the exemption.

4. The Commissioner does not require the council to take any steps.""", """\
Right of appeal

Either party has the right to appeal against this decision notice to the First-tier
Tribunal (Information Rights). Information about the appeals process may be obtained from
the Tribunal. Any notice of appeal should be served within 28 (calendar) days of the date
on which this decision notice is sent.""")])

# 31. ICO acknowledges a new complaint that the tracker does not yet record.
msg(S, "hackney_ico_complaint_received", expect("h4ck", "complained", ref="IC-258801-Q4R6"),
    frm="Information Commissioner's Office <casework@ico.org.uk>",
    subject="We have received your complaint - IC-258801-Q4R6",
    when="2023-09-11 08:31",
    body="""\
Dear Mr Patel

Thank you for your complaint about the London Borough of Hackney, which we received on
8 September 2023. Your case reference is IC-258801-Q4R6. Please use it whenever you
contact us.

What happens next
We will review your complaint and the information you have sent us, including the council's
response to your request for its CCTV contracts and the outcome of its internal review. We
are currently allocating cases around three months after we receive them. When your case is
allocated, the case officer will contact you.

You do not need to do anything at the moment.

Yours sincerely

Public Advice and Data Protection Complaints Service
Information Commissioner's Office
""")

# 32. A reply from Hackney about a request that is not in the tracker.
msg(S, "hackney_other_request", expect(None, None),
    frm="Information Governance <foi@hackney.gov.uk>",
    subject="FOI HK-FOI-23-0777 - Street tree removals",
    when="2023-07-20 10:48",
    body="""\
Dear Sam Patel,

Thank you for your request of 22 June 2023 about street trees removed by the council.

1. Number of street trees removed in 2022/23: 214.
2. Number replaced in the same ward within 12 months: 163.
3. The main reasons for removal are recorded as disease (96), subsidence claims (41),
   storm damage (38) and development (39).

The council holds this information and it is provided in full above.

Regards,
Information Governance
London Borough of Hackney
""")

# 33. Internal review overturns a section 43 refusal; nothing remains withheld.
msg(S, "nottingham_review_overturned", expect("un1b", "review-responded", "overturned"),
    frm="Information Compliance <foi@nottingham.ac.uk>",
    subject="RE: Internal review: Overseas recruitment agent commissions",
    when="2023-09-20 12:20",
    in_reply_to="<review-uon-agents.31@example.org>",
    body="""\
Dear Mr Patel

Internal review of FOI-2023-0318

I have completed the internal review you asked for on 24 August 2023.

The University withheld the total commission it paid to overseas recruitment agents in
each of the last three years, relying on s.43(2). I have looked again at the figures and
at the University's arguments. As the totals are not broken down by agent or by country,
I do not consider that their release would be likely to prejudice anyone's commercial
interests, and I find that the exemption is not engaged.

I have therefore decided to overturn the original decision. The totals are:

  2020/21  £6,214,880
  2021/22  £8,907,415
  2022/23  £11,352,060

I apologise that this information was not provided to you in the first place.

Yours sincerely

Dr Imogen Hartley
Director of Governance
University of Nottingham
""")

# 34. EISR partial disclosure; "regulation 10(5)(e)" split across lines; reg 11(2) for personal data.
msg(S, "sepa_eisr_partial", expect("se9a", "responded", "partial", ["reg10(5)(e)", "reg11(2)"]),
    frm="SEPA Access to Information <foi@sepa.org.uk>",
    subject="RE: Environmental information request: Sewage overflow monitoring [SEPA ref 2023-0612]",
    when="2023-07-14 13:37",
    in_reply_to="<req-sepa-cso.29@example.org>",
    body="""\
Dear Mr Patel

Environmental Information (Scotland) Regulations 2004 - request 2023-0612

Thank you for your request of 16 June 2023 for information about the monitoring of
combined sewer overflows in the Forth and Clyde river basins.

We have dealt with your request under the EISR, as the information is environmental.

Information released
- A list of the 312 overflows with event duration monitoring in place, with their grid
  references and the watercourse each discharges to (attached).
- The number of spill events recorded at each of those overflows in 2022.

Information withheld
The operator's asset performance assessments for each overflow have been withheld under
regulation
10(5)(e) (confidentiality of commercial or industrial information). The names and contact
details of the operator's site staff have been withheld under regulation 11(2) (personal
data).

We have considered the public interest, which we set out in the attached note, and have
concluded that it favours maintaining the exception at regulation 10(5)(e).

If you are dissatisfied you may ask us to review our decision within 40 working days.

Kind regards

Access to Information Team
Scottish Environment Protection Agency
""",
    attachments=[csv("2023-0612 overflows with EDM.csv",
                     "Overflow ID,Grid reference,Receiving watercourse,Spill events 2022\n"
                     "CSO-F-0012,NT 2456 7381,Water of Leith,41\n"
                     "CSO-F-0087,NT 1199 7020,River Almond,17\n"
                     "CSO-C-0231,NS 5876 6512,River Kelvin,63\n")])

# 35. FOISA refusal, with the section 16 refusal-notice boilerplate.
msg(S, "police_scotland_refusal_foisa", expect("ps7c", "responded", "refused", ["s35(1)(a)", "s35(1)(b)", "s39(1)"]),
    frm="Police Scotland Freedom of Information <foi@scotland.police.uk>",
    subject="IM-FOI-2023-2291 - Response to your request",
    when="2023-07-12 16:10",
    body="""\
Dear Mr Patel

Freedom of Information (Scotland) Act 2002 - Reference IM-FOI-2023-2291

I refer to your request for the dates, locations and flight logs of every deployment of a
police drone over a public protest or assembly since January 2022.

I am refusing to provide you with the information sought. Section 16 of the Act requires
Police Scotland to give you a notice which states that it holds the information, states
that it is claiming an exemption, specifies the exemption in question and states why it
applies. The exemptions that apply are sections 35(1)(a) and (b) and 39(1) of FOISA.

Sections 35(1)(a) and (b) - Law enforcement
Flight logs would show the heights, durations and patterns of our drone operations.
Disclosure would reveal operational capability and would be likely to prejudice
substantially the prevention and detection of crime and the apprehension of offenders.

Section 39(1) - Health and safety
Disclosure would endanger the safety of the pilots, whose positions during operations
could be inferred from the logs.

Both are subject to the public interest test. Whilst we accept there is a public interest
in the use of drones at protests, this is outweighed by the public interest in effective
policing and the safety of officers.

Should you require any further assistance, please contact Information Management. If you
are dissatisfied, you may ask us to review our decision within 40 working days.

Information Management - Dundee
Police Scotland
""")

# 36. Headed as a clarification request, but it is a section 14 refusal.
msg(S, "manchester_clarification_is_s14", expect("m4nc", "responded", "refused", ["s14"]),
    frm="Manchester City Council FOI <foi@manchester.gov.uk>",
    subject="Request for clarification - Council tax debt collection",
    when="2023-06-28 11:45",
    body="""\
Dear Mr Patel

Thank you for your latest email about council tax debt collection.

This is the twelfth request you have sent us about enforcement agents since February,
and several of them ask again for information we have already given you or told you we
do not hold. Answering them has taken officers more than 60 hours so far.

Having considered the history and the burden of these requests together, the council
has concluded that this request is vexatious within the meaning of section 14 of the
Freedom of Information Act 2000. We will not be complying with it, and this email is our
refusal notice. Please be aware that further requests on the same subject may also be
treated as vexatious.

If it would help, you are welcome to clarify what you are trying to find out, and we
will consider whether we can point you to information that is already published.

You may ask for an internal review of this decision within 40 working days.

Corporate Information Governance
Manchester City Council
""")

# 37. Withdrawal confirmed at the requester's own request.
msg(S, "glasgow_withdrawal_confirmed", expect("g1as", "withdrawn"),
    frm="Glasgow City Council FOI <foi@glasgow.gov.uk>",
    subject="RE: GCC-FOI-7781 - withdraw request",
    when="2023-06-09 09:30",
    body="""\
Dear Mr Patel

Thank you for your email of 8 June.

As you asked, your request GCC-FOI-7781 about CCTV contracts has been withdrawn and the
case has been closed. We will take no further action on it.

If you decide to ask for this information again in future, please send us a new request.

Information and Data Protection Team
Glasgow City Council
""")

# 38. WhatDoTheyKnow annotation notice: nothing to record.
msg(S, "leeds_wdtk_annotation", expect("l33d", None),
    frm="WhatDoTheyKnow <do-not-reply-to-this-address@whatdotheyknow.com>",
    subject="Somebody added a note to your FOI request - Parking fines income",
    when="2023-08-09 20:16",
    body="""\
Dave_F has annotated your Freedom of Information request 'Parking fines income' that you
made to Leeds City Council. They said:

  "Leeds published the same figures in its annual parking report - see page 14."

Follow this link to see what they wrote:
https://www.whatdotheyknow.com/request/parking_fines_income_2022_23#comment-118204

-- the WhatDoTheyKnow team
""")

# 39. Hackney has two requests in the tracker; this acknowledgement is for the new one.
msg(S, "hackney_permits_ack", expect("h7pk", "acknowledged", ref="HK-FOI-23-0631"),
    frm="London Borough of Hackney FOI <foi@hackney.gov.uk>",
    subject="Freedom of Information request - Parking permit data - HK-FOI-23-0631",
    when="2023-06-12 08:50",
    body="""\
Dear Sam Patel,

We have received your request for information about parking permit data and logged it
under reference HK-FOI-23-0631.

The council will respond by 7 July 2023.

Regards,
Information Management Team
London Borough of Hackney
""")

# 40. HTML-only latin-1 acknowledgement from a Scottish health board.
msg(S, "lothian_ack_latin1_html", expect("nl0t", "acknowledged", ref="1102/23"),
    frm="Sìne NicIlleathain <loth.foi@nhs.scot>",
    subject="Freedom of Information request received",
    when="2023-06-14 09:12",
    charset="iso-8859-1", cte="quoted-printable",
    html="""\
<html><body>
<p>Dear Mr Patel</p>
<p>Thank you for your email of 13 June 2023 about Child and Adolescent Mental Health Services
waiting times, which we have logged as a request under the Freedom of Information (Scotland)
Act 2002.</p>
<p><b>Our ref: 1102/23</b></p>
<p>We will reply within 20 working days of receipt.</p>
<p>Kind regards</p>
<p>Sìne NicIlleathain<br>
FOI Administrator<br>
NHS Lothian, Waverleygate, 2-4 Waterloo Place, Edinburgh EH1 3EG</p>
</body></html>
""")
