// WIPO ST.27: 42 key events, 179 detailed events, 25 event indicators.
// Source: standards/st27-patent-legal-status-codes.json of the reference data,
// extracted from the WIPO ST.96 V6_0 schema PatentLegalStatusData_V6_0.xsd.
// Status: WIPO standard ST.27; code lists as published in the ST.96 V6_0 schemas.
// Shipped with the project (decision 0152). Do not edit: to reproduce it, run `pnpm --filter @ipoffice/domain generate`
// with the reference data in IPO_REFERENCE_DATA or ../shared/data (packages/domain/scripts/generate.mjs).

export const keyEvents = [
  [
    "A00",
    "No mapped category A key event: the national/regional event cannot be mapped to the key event in the category A.",
  ],
  [
    "B00",
    "No mapped category B key event: the national/regional event cannot be mapped to the key event in the category B.",
  ],
  [
    "C00",
    "No mapped category C key event: the national/regional event cannot be mapped to the key event in the category C.",
  ],
  [
    "D00",
    "No mapped category D key event: the national/regional event cannot be mapped to the key event in the category D.",
  ],
  [
    "E00",
    "No mapped category E key event: the national/regional event cannot be mapped to the key event in the category E.",
  ],
  [
    "F00",
    "No mapped category F key event: the national/regional event cannot be mapped to the key event in the category F.",
  ],
  [
    "G00",
    "No mapped category G key event: the national/regional event cannot be mapped to the key event in the category G.",
  ],
  [
    "H00",
    "No mapped category H key event: the national/regional event cannot be mapped to the key event in the category H.",
  ],
  [
    "K00",
    "No mapped category K key event: the national/regional event cannot be mapped to the key event in the category K.",
  ],
  [
    "L00",
    "No mapped category L key event: the national/regional event cannot be mapped to the key event in the category L.",
  ],
  [
    "M00",
    "No mapped category M key event: the national/regional event cannot be mapped to the key event in the category M.",
  ],
  [
    "N00",
    "No mapped category N key event: the national/regional event cannot be mapped to the key event in the category N.",
  ],
  [
    "P00",
    "No mapped category P key event: the national/regional event cannot be mapped to the key event in the category P.",
  ],
  [
    "Q00",
    "No mapped category Q key event: the national/regional event cannot be mapped to the key event in the category Q.",
  ],
  [
    "R00",
    "No mapped category R key event: the national/regional event cannot be mapped to the key event in the category R.",
  ],
  [
    "S00",
    "No mapped category S key event: the national/regional event cannot be mapped to the key event in the category S.",
  ],
  [
    "T00",
    "No mapped category T key event: the national/regional event cannot be mapped to the key event in the category T.",
  ],
  [
    "U00",
    "No mapped category U key event: the national/regional event cannot be mapped to the key event in the category U.",
  ],
  [
    "V00",
    "No mapped category V key event: the national/regional event cannot be mapped to the key event in the category V.",
  ],
  [
    "W00",
    "No mapped category W key event: the national/regional event cannot be mapped to the key event in the category W.",
  ],
  [
    "Y00",
    "No mapped category Y key event: the national/regional event cannot be mapped to the key event in the category Y.",
  ],
  [
    "A10",
    "Application filed: An application for an IP right was filed. This includes, but is not limited to, the types of applications listed in Category A. Usually a filing date and application number are recorded by the IPO.",
  ],
  [
    "B10",
    "Application discontinued: An application was discontinued. This includes, but is not limited to when an application was discontinued due to a withdrawal by the applicant, refusal by the IPO or because there was a failure to prosecute. For example, a failure to prosecute may occur due to a non-payment of fees or failure to respond to an office action within the required time period.",
  ],
  [
    "C10",
    "Application revived: An application was revived after it had been discontinued. This includes, but is not limited to when an application was revived following an application revival request or an appeal.",
  ],
  [
    "D10",
    "Search and/or examination requested or commenced: The search and/or examination of an application was requested, initiated or continued. This includes, but is not limited to when a formality or substantive examination was requested, initiated or continued or when a search was requested or initiated.",
  ],
  [
    "E10",
    "Pre-grant review requested: A pre-grant review was requested. This includes, but is not limited to a request for a pre-grant opposition, pre-grant re-examination, or pre-grant limitation.",
  ],
  [
    "F10",
    "IP right granted: An IP right was granted in full or amended form after an examination, a pre-grant review or an appeal. This includes, but is not limited to when an IP right was granted after a formality or substantive examination, or subsequent to a pre-grant review.",
  ],
  [
    "G10",
    "Protection beyond IP right term granted: Protection beyond the IP right term was granted. This includes, but is not limited to the granting of a patent term adjustment (PTA), patent term extension (PTE) or a supplementary protection certificate (SPC) extension.",
  ],
  [
    "H10",
    "IP right ceased: An IP right has ceased. This includes, but is not limited to when an IP right has ceased following an IP right review or an appeal, due to a refusal to revive, or because of a lapse or expiry.",
  ],
  [
    "K10",
    "IP right revived: An IP right was revived, reinstated or restored in full or amended form after its cessation. This includes, but is not limited to when an IP right is revived following payment of an outstanding maintenance or renewal fee or following an appeal.",
  ],
  [
    "L10",
    "IP right review requested: An IP right review was requested. This includes, but is not limited to a request for a post-grant opposition, re-examination, limitation, reissue, surrender, or invalidation.",
  ],
  [
    "M10",
    "IP right maintained: An IP right was maintained in full or amended form. This includes, but is not limited to when an IP right was maintained following an appeal, an IP right review or when a request for an IP right review was inadmissible, rejected or withdrawn.",
  ],
  ["N10", "Application or IP right terminated: An application or IP right was terminated."],
  [
    "P10",
    "Document modified: An amendment or correction was made to an application, IP right document or other document, excluding modifications which occur in the context of a pre-grant review or IP right review. This includes, but is not limited to corrections of errors in IP documents, amendments to applications or amendments to translations of applications.",
  ],
  [
    "Q10",
    "Document published: A document was published by the IPO. This includes, but is not limited to publication of an application, IP right document or bibliographic information.",
  ],
  [
    "R10",
    "Party data change recorded: A change in the data identifying the parties concerned with an application or IP right was recorded by the IPO. This includes, but is not limited to when a change to the name(s), composition or contact information of a party, e.g. the applicant(s), owner(s), inventor(s) or representative(s), was recorded by the IPO. This also includes when an IPO records a change in ownership due to a transfer of rights, an assignment or a legal proceeding.",
  ],
  [
    "S10",
    "Licensing information recorded: Licensing information has been recorded by the IPO. This includes, but is not limited to when an agreement for a license between an IP right owner and another party was recorded or its amendment, cancellation or transfer was recorded by the IPO.",
  ],
  [
    "T10",
    "Administrative procedure adjusted: An adjustment has been made to an administrative procedure. This includes, but is not limited to a time limit extension, a suspension, stay or interruption of an administrative procedure, or resumption of a suspended, stayed or interrupted procedure.",
  ],
  [
    "U10",
    "Fee paid: A fee payment was made. This includes, but is not limited to full or partial payment of a renewal, maintenance or designation fee.",
  ],
  [
    "V10",
    "Appeal requested: An appeal of a decision made during the prosecution of an application or IP right was requested to an administrative body, tribunal, board or court. This includes, but is not limited to when an applicant or IP right owner requests an appeal against a decision made by the examiner during the prosecution of the IP right.",
  ],
  [
    "W10",
    "Other event occurred: An event which cannot be categorized under any other category occurred (e.g. a legacy event or an interim/internal event.)",
  ],
  [
    "Y10",
    "Event information corrected or deleted: Errors in the legal status data have been corrected or deleted. This includes, but is not limited to corrections of legal status data provided under this Standard or the correction or deletion of an event that was announced erroneously in a gazette, IP register or other published documentation.",
  ],
] as const;

export const detailedEvents = [
  [
    "A00",
    "No mapped category A detailed event: the national/regional event cannot be mapped to a detailed event in the category A.",
  ],
  [
    "B00",
    "No mapped category B detailed event: the national/regional event cannot be mapped to a detailed event in the category B.",
  ],
  [
    "C00",
    "No mapped category C detailed event: the national/regional event cannot be mapped to a detailed event in the category C.",
  ],
  [
    "D00",
    "No mapped category D detailed event: the national/regional event cannot be mapped to a detailed event in the category D.",
  ],
  [
    "E00",
    "No mapped category E detailed event: the national/regional event cannot be mapped to a detailed event in the category E.",
  ],
  [
    "F00",
    "No mapped category F detailed event: the national/regional event cannot be mapped to a detailed event in the category F.",
  ],
  [
    "G00",
    "No mapped category G detailed event: the national/regional event cannot be mapped to a detailed event in the category G.",
  ],
  [
    "H00",
    "No mapped category H detailed event: the national/regional event cannot be mapped to a detailed event in the category H.",
  ],
  [
    "K00",
    "No mapped category K detailed event: the national/regional event cannot be mapped to a detailed event in the category K.",
  ],
  [
    "L00",
    "No mapped category L detailed event: the national/regional event cannot be mapped to a detailed event in the category L.",
  ],
  [
    "M00",
    "No mapped category M detailed event: the national/regional event cannot be mapped to a detailed event in the category M.",
  ],
  [
    "N00",
    "No mapped category N detailed event: the national/regional event cannot be mapped to a detailed event in the category N.",
  ],
  [
    "P00",
    "No mapped category P detailed event: the national/regional event cannot be mapped to a detailed event in the category P.",
  ],
  [
    "Q00",
    "No mapped category Q detailed event: the national/regional event cannot be mapped to a detailed event in the category Q.",
  ],
  [
    "R00",
    "No mapped category R detailed event: the national/regional event cannot be mapped to a detailed event in the category R.",
  ],
  [
    "S00",
    "No mapped category S detailed event: the national/regional event cannot be mapped to a detailed event in the category S.",
  ],
  [
    "T00",
    "No mapped category T detailed event: the national/regional event cannot be mapped to a detailed event in the category T.",
  ],
  [
    "U00",
    "No mapped category U detailed event: the national/regional event cannot be mapped to a detailed event in the category U.",
  ],
  [
    "V00",
    "No mapped category V detailed event: the national/regional event cannot be mapped to a detailed event in the category V.",
  ],
  [
    "W00",
    "No mapped category W detailed event: the national/regional event cannot be mapped to a detailed event in the category W.",
  ],
  [
    "Y00",
    "No mapped category Y detailed event: the national/regional event cannot be mapped to a detailed event in the category Y.",
  ],
  ["A11", "Provisional application filed (A provisional application was filed with an IPO.)"],
  [
    "A12",
    "National or regional application filed (A national or regional application was submitted to an IPO and a filing date and application number are recorded. This may include any application type covered by Category A.)",
  ],
  ["A13", "PCT application filed (An international application under the PCT was filed.)"],
  [
    "A14",
    "Regional application entered into the national phase (A regional application entered into the national phase.)",
  ],
  [
    "A15",
    "PCT application entered into the national or regional phase (An international application under the PCT entered into the national or regional phase.)",
  ],
  [
    "A16",
    "Divisional, continuation or continuation in part application filed (A divisional, continuation or continuation in part application was filed.)",
  ],
  [
    "A17",
    "Divisional, continuation or continuation in part application rejected (A divisional, continuation or continuation in part application was inadmissible, rejected or withdrawn.)",
  ],
  [
    "A18",
    "Application divided or continuation or continuation in part accepted (A divisional application was accepted and the original application was divided into two or more applications for one or more types of IP right, or a continuation or continuation in part was accepted.)",
  ],
  [
    "A19",
    "Conversion application filed (A conversion application was filed, for example, an application was filed to convert one type of IP right application, such as an application for a patent for invention into another type of IP right application, such as a utility model application, or to convert a regional or PCT application into a national application.)",
  ],
  ["A20", "Conversion application rejected (A conversion application was inadmissible, rejected or withdrawn.)"],
  [
    "A21",
    "Application converted from another type of IP right (A request for conversion was accepted and the application was converted, for example, an application for one type of IP right, such as an application for a patent for invention was converted into another type of IP right application, such as a utility model application. Unlike the case of divisions, an entire IP right application was converted to another type of application.)",
  ],
  [
    "A22",
    "Application converted from a regional or PCT application (A request for conversion was accepted and the application was converted from a regional or PCT application into a national application.)",
  ],
  ["B11", "Application withdrawn (An applicant voluntarily withdrew the application.)"],
  [
    "B12",
    "Application deemed to be withdrawn, abandoned or lapsed (An application was discontinued due to a failure to prosecute, for example, an application was discontinued due to non-payment of fees or not responding to an office action within the relevant period.)",
  ],
  [
    "B13",
    "Regional filing not entered into the national phase (A regional application did not enter the national phase within the time period prescribed in the applicable law.)",
  ],
  [
    "B14",
    "PCT filing not entered into the national or regional phase (An international application under the PCT did not enter the national or regional phase within the time period prescribed in the applicable law.)",
  ],
  [
    "B15",
    "Application refused following examination (An application was refused by an IPO following a formality or substantive examination.)",
  ],
  [
    "B16",
    "Application discontinued following rejected revival request (A request for revival of a discontinued application was inadmissible, rejected or withdrawn.)",
  ],
  [
    "B17",
    "Application discontinued following pre-grant review (Following a pre-grant review, an application was discontinued.)",
  ],
  [
    "C11",
    "Application revival requested (A revival, reinstatement or restoration of a discontinued application was requested.)",
  ],
  [
    "C12",
    "Request for application revival rejected (A request for an application revival was inadmissible, rejected or withdrawn).",
  ],
  [
    "C13",
    "Application revived following an application revival request (An application was revived, reinstated or restored following an application revival request.)",
  ],
  [
    "C14",
    "Rights of priority restored (The right of priority was restored where a subsequent application was filed after the expiration of the priority period but within the time limit prescribed in the applicable law, provided that the conditions specified in the applicable law were met.)",
  ],
  [
    "D11",
    "Substantive examination requested (A substantive examination of an application was requested by an applicant or a third party, or an IPO initiated the examination independently, in accordance with the applicable law.)",
  ],
  [
    "D12",
    "Request for substantive examination rejected (A request for a substantive examination was inadmissible, rejected or withdrawn.)",
  ],
  ["D13", "Search requested (A prior art search for an application was requested by the applicant or the examiner.)"],
  ["D14", "Search report completed (A prior art search report for an application was completed by the IPO.)"],
  [
    "D15",
    "Examination report completed (A substantive examination report was completed by the IPO or a notification of the reason for refusal of the application was issued.)",
  ],
  [
    "D16",
    "Fast track examination requested (An expedited or accelerated examination of the application was requested.)",
  ],
  [
    "D17",
    "Fast track examination accepted (A request for an expedited or accelerated examination was accepted by the IPO.)",
  ],
  [
    "D18",
    "Deferred examination requested (A request was made to defer or postpone the examination of an application until a later time.)",
  ],
  [
    "D19",
    "Deferred examination accepted (A request to defer or postpone the examination of an application was accepted by the IPO.)",
  ],
  ["D20", "Deferred examination resumed (A deferred examination was resumed.)"],
  [
    "D21",
    "Rejection of application intended (An IPO announced its intention to reject an application and not grant an IP right.)",
  ],
  [
    "D22",
    "Grant of IP right intended (An IPO announced its intention to grant an IP right, provided that certain conditions are met within a time period prescribed in the applicable law. For example, in one jurisdiction, an IP right will be granted if an applicant pays a fee and submits a translation (if necessary) within a certain period. In another jurisdiction, an IP right will be granted provided that no pre-grant opposition is filed within a certain period or such an opposition is inadmissible, rejected or withdrawn.)",
  ],
  [
    "D23",
    "Examination continued following pre-grant review (An examination of an application was continued following a pre-grant review.)",
  ],
  ["D24", "Re-examination commenced (A re-examination of the application was commenced.)"],
  ["E11", "Pre-grant opposition filed (A pre-grant opposition was filed.)"],
  ["E12", "Pre-grant re-examination requested (A pre-grant re-examination was requested.)"],
  ["E13", "Pre-grant limitation requested (A pre-grant limitation of the application was requested.)"],
  [
    "E14",
    "Pre-grant third party observation filed (A third party filed prior art documents or other related information with the IPO before the grant of an IP right.)",
  ],
  [
    "E15",
    "Request for pre-grant review rejected (A request for a pre-grant review was inadmissible, rejected or withdrawn).",
  ],
  [
    "F11",
    "IP right granted following substantive examination (Following a substantive examination, an IP right was granted by the IPO.)",
  ],
  [
    "F12",
    "IP right granted following formality examination (Following a formality examination, an IP right was granted by the IPO.)",
  ],
  [
    "F13",
    "IP right granted in full following pre-grant review (Following a pre-grant review, an IP right was granted in full.)",
  ],
  [
    "F14",
    "IP right granted in amended form following pre-grant review (Following a pre-grant review, an IP right was granted in amended form.)",
  ],
  [
    "F15",
    "IP right granted following rejected pre-grant review request (Following an inadmissible, rejected or withdrawn request for a pre-grant review, the IP right was granted.)",
  ],
  [
    "F16",
    "IP right converted from another IP right (An IP right was converted from one type of IP right into another.)",
  ],
  [
    "F17",
    "IP right entered into force. (This event is for IP rights which enter into force at a later time after the grant, such as SPCs. Offices do not need to use this event when the grant and entry into force occur at the same time, such as a patent grant.)",
  ],
  [
    "G11",
    "Extension of SPC term requested (An extension of a Supplementary Protection Certificate (SPC) term was requested.)",
  ],
  [
    "G12",
    "Extension of SPC term not granted (An extension of a Supplementary Protection Certificate (SPC) term was not granted.)",
  ],
  [
    "G13",
    "Extension of SPC term granted (An extension of a Supplementary Protection Certificate (SPC) term was granted.)",
  ],
  [
    "G14",
    "Extension of SPC term revoked (An extension of a Supplementary Protection Certificate (SPC) term was revoked by the IPO.)",
  ],
  ["G15", "PTA requested (A Patent Term Adjustment (PTA) was requested.)"],
  ["G16", "PTA not granted (A Patent Term Adjustment (PTA) was not granted.)"],
  ["G17", "PTA granted (A Patent Term Adjustment (PTA) was granted.)"],
  ["G18", "PTE requested (A Patent Term Extension (PTE) was requested.)"],
  ["G19", "PTE not granted (A Patent Term Extension (PTE) was not granted.)"],
  ["G20", "PTE granted (A Patent Term Extension (PTE) was granted.)"],
  [
    "H11",
    "IP right ceased following rejected request for revival (A request for revival of a ceased IP right was inadmissible, rejected or withdrawn.)",
  ],
  ["H12", "IP right ceased following an IP right review (The IP right was ceased following an IP right review.)"],
  [
    "H13",
    "IP right lapsed (The IP right was ceased through neglect to maintain it, for example, non-payment of fees or not responding to an office action.)",
  ],
  ["H14", "IP right expired (A statutory IP right term, for example 20 years from the filing date, has expired.)"],
  ["H15", "IP right surrendered (An IP right was surrendered or abandoned by the IP right owner.)"],
  ["K11", "IP right revival requested (A revival, reinstatement or restoration of a ceased IP right was requested.)"],
  [
    "K12",
    "Request for IP right revival rejected (A request for revival, reinstatement or restoration of a ceased IP right was inadmissible, rejected or withdrawn).",
  ],
  ["K13", "IP right revived in full (A ceased IP right was revived, reinstated or restored in full.)"],
  ["K14", "IP right revived in amended form (A ceased IP right was revived, reinstated or restored in amended form.)"],
  ["L11", "Post-grant opposition filed (A post-grant opposition was filed.)"],
  ["L12", "Post-grant re-examination requested (A post-grant re-examination was requested.)"],
  ["L13", "Limitation or reissue of IP right requested (A limitation or reissue of an IP right was requested.)"],
  ["L14", "Surrender of IP right requested (A request to surrender an IP right was made by the IP right owner.)"],
  [
    "L15",
    "Invalidation requested (An administrative revocation, cancellation, nullity, annulment or invalidation proceeding was requested.)",
  ],
  [
    "L16",
    "Post-grant third party observation filed (A third party filed prior art documents or other related information with the IPO after the grant of an IP right.)",
  ],
  [
    "L17",
    "Declaration of non-infringement requested (A third party requested a declaration of non-infringement of the IP right.)",
  ],
  [
    "L18",
    "Request for IP right review rejected (A request for an IP right review was inadmissible, rejected or withdrawn.)",
  ],
  [
    "L19",
    "Post-termination review requested (A post-termination review was requested to invalidate an IP right ex tunc.)",
  ],
  [
    "M11",
    "IP right maintained in full following an IP right review or an appeal (The IP right was maintained in full following an appeal or an IP right review, for example, following a post-grant opposition, post-grant re-examination, limitation or reissue, surrender, or invalidation proceeding.)",
  ],
  [
    "M12",
    "IP right maintained in amended form following an IP right review or an appeal (The IP right was maintained in amended form following an appeal or an IP right review, for example, following a post-grant opposition, post-grant re-examination, limitation or reissue, surrender, or invalidation proceeding.)",
  ],
  [
    "M13",
    "IP right maintained following rejected IP right review request (The IP right was maintained following an inadmissible, rejected or withdrawn request for an IP right review.)",
  ],
  [
    "M14",
    "Re-examination certificate issued (A re-examination certificate was issued following a re-examination procedure confirming which claims were confirmed, cancelled or amended.)",
  ],
  ["N11", "Application terminated (An application was terminated.)"],
  ["N12", "IP right terminated (A granted IP right was terminated.)"],
  ["P11", "Amendment of application requested (An amendment of the application has been requested.)"],
  [
    "P12",
    "Request for amendment of application rejected (A request to amend the application was inadmissible, rejected or withdrawn.)",
  ],
  ["P13", "Application amended (The application has been amended in response to a request by the applicant.)"],
  [
    "P14",
    "Amendment of IP right document requested (An amendment of the IP right document has been requested outside the scope of an IP right review.)",
  ],
  [
    "P15",
    "Request for amendment of IP right document rejected (A request for an amendment of the IP right document outside the scope of an IP right review was inadmissible, rejected or withdrawn.)",
  ],
  [
    "P16",
    "IP right document amended (The IP right document has been amended outside the scope of an IP right review in response to a request by the IP right owner.)",
  ],
  ["P17", "Translation of an application amended (A translation of the application has been amended.)"],
  ["P18", "Priority claim added or amended (A priority claim has been added or amended.)"],
  [
    "P19",
    "Errors in documents containing IPO’s decisions corrected (Errors, such as a linguistic error, transcription error or obvious mistakes have been corrected in documents containing decisions of the IPO.)",
  ],
  [
    "P20",
    "Errors in documents filed by the applicant or IP right owner corrected (Errors in documents filed by the applicant or IP right owner have been corrected.)",
  ],
  [
    "P21",
    "Errors in published documents corrected (Errors in a document published by the IPO, including an application or an IP right document have been corrected.)",
  ],
  [
    "P22",
    "Classification modified (The assigned classification of an application or IP right document was changed, corrected or reclassified according to IPC, CPC or national/regional classifications.)",
  ],
  [
    "P23",
    "Related IP right document modified (A related IP right document, such as a linked basic patent was modified.)",
  ],
  ["P24", "Related application modified (A related application, such as a regional application was modified)."],
  [
    "Q11",
    "Certain bibliographic information on the application published (Certain bibliographic information on the application and the applicant, for example, the application number, title of the invention and the applicant’s name, were published before the publication of the application as filed.)",
  ],
  [
    "Q12",
    "Application published (An application was published by the IPO with or without a search report; an IPO may accept an application in a foreign language for the purpose of according a filing date; however, in general, the IPO requires that an applicant submit a translation of the application in a language the IPO publishes in, before it will be published.)",
  ],
  [
    "Q13",
    "IP right document published (The document related to a granted and/or registered IP right or an IP right which the IPO intends to grant was published.)",
  ],
  [
    "Q14",
    "Secret application or IP right declassified and published (A secret application or IP right was declassified and published.)",
  ],
  [
    "Q15",
    "Earlier publication cancelled (A publication, including an application, IP right document or bibliographic information, was cancelled or withdrawn by the IPO.)",
  ],
  ["Q16", "A copy of IP right certificate issued (An official copy of an IP right certificate was issued.)"],
  ["Q17", "Modified document published (An amended or corrected document was published.)"],
  [
    "R11",
    "Change to the name of applicant or owner or transfer of ownership requested (A change to the name(s) of the applicant(s) or owner(s), a transfer of ownership or an assignment was requested, or a legal proceeding was commenced to change the applicant(s) or owner(s) of the application or IP right.)",
  ],
  [
    "R12",
    "Change to the name of applicant or owner or transfer of ownership recorded (A change to the applicant(s) or owner(s) of the application or IP right, or a transfer of ownership or an assignment, was recorded by the IPO. This may be due to a name correction, a legal name change, a transfer of ownership, or an assignment.) This detailed event is intended for use by IPOs which cannot distinguish between R13 and R14. If the distinction is possible, the use of R13 and R14 is highly recommended.",
  ],
  [
    "R13",
    "Change to the name of applicant or owner recorded (A change to the name(s) of the applicant(s) or owner(s) of the application or IP right that does not indicate a transfer was recorded by the IPO. The most common reasons for this type of change are name corrections, spelling mistakes, or legal name changes such as a corporate merger.)",
  ],
  [
    "R14",
    "Transfer of ownership recorded (A transfer of ownership or an assignment of the application or IP right was recorded by the IPO. This event indicates that the interest is given by one party to another, such as by a voluntary exchange, an assignment, or a contractual obligation.)",
  ],
  [
    "R15",
    "Change to inventor requested (A change in the name(s) or composition of the inventor(s) was requested or a legal proceeding was commenced to change the inventor(s) of the application or IP right.)",
  ],
  [
    "R16",
    "Change to inventor recorded (A change to the inventor(s), including a change in name(s) or in composition, was recorded by the IPO.)",
  ],
  [
    "R17",
    "Change to representative recorded (A change to the representative(s) of the applicant(s) or owner(s), including a change in name(s) or in composition, was recorded by the IPO.)",
  ],
  [
    "R18",
    "Changes to party contact information recorded (A change to the contact information, such as the email address, postal address or phone number of a party was recorded by the IPO.)",
  ],
  [
    "R19",
    "Request for party data change rejected (A request for a party data change was inadmissible, rejected or withdrawn.)",
  ],
  [
    "S11",
    "Voluntary license recorded (A voluntary licensing arrangement, on an exclusive or non-exclusive basis, between an applicant or IP right owner and another party was recorded.)",
  ],
  ["S12", "Recordation of voluntary license amended (Recordation of a voluntary license was amended.)"],
  ["S13", "Recordation of voluntary license cancelled (Recordation of a voluntary license was cancelled.)"],
  [
    "S14",
    "Exclusive voluntary license recorded (A voluntary licensing arrangement, on an exclusive basis, between an applicant or IP right owner and another party was recorded.)",
  ],
  [
    "S15",
    "Recordation of exclusive voluntary license amended (Recordation of an exclusive voluntary license was amended.)",
  ],
  [
    "S16",
    "Recordation of exclusive voluntary license cancelled (Recordation of an exclusive voluntary license was cancelled.)",
  ],
  [
    "S17",
    "Non-exclusive voluntary license recorded (A voluntary licensing arrangement, on a non-exclusive basis, between an applicant or IP right owner and another party was recorded.)",
  ],
  [
    "S18",
    "Recordation of non-exclusive voluntary license amended (Recordation of a non-exclusive voluntary license was amended.)",
  ],
  [
    "S19",
    "Recordation of non-exclusive voluntary license cancelled (Recordation of a non-exclusive voluntary license was cancelled.)",
  ],
  [
    "S20",
    "Security interest recorded (A security interest, pledge or mortgage between an applicant or IP right owner and another party was recorded.)",
  ],
  [
    "S21",
    "Recordation of security interest amended (Recordation of a security interest, pledge or mortgage was amended.)",
  ],
  [
    "S22",
    "Recordation of security interest cancelled (Recordation of a security interest, pledge or mortgage was cancelled.)",
  ],
  [
    "S23",
    "Compulsory license recorded (A compulsory license was recorded following the grant of a license by the IPO to allow another party to produce, use or import the protected product or process without the consent of the applicant or IP right owner.)",
  ],
  ["S24", "Recordation of compulsory license amended (Recordation of a compulsory license was amended.)"],
  ["S25", "Recordation of compulsory license cancelled (Recordation of a compulsory license was cancelled.)"],
  [
    "S26",
    "Availability or offer of license by an applicant or IP right owner recorded (Availability or an offer by an applicant or IP right owner to license his or her rights to third parties by way of a binding or non-binding commitment, for example a non-binding interest to grant a license or willingness to grant a license, was recorded.)",
  ],
  [
    "S27",
    "Recordation of availability or offer of license by applicant or IP right owner cancelled (Recordation of availability or an offer of a license by an applicant or IP right owner was cancelled.)",
  ],
  [
    "S28",
    "Royalty agreement recorded (A royalty agreement between an applicant or IP right owner and another party was recorded.)",
  ],
  ["S29", "Recordation of royalty agreement amended (Recordation of a royalty agreement was amended.)"],
  ["S30", "Recordation of royalty agreement cancelled (Recordation of a royalty agreement was cancelled.)"],
  ["S31", "Sublicense recorded (A sublicense was recorded between a licensee and a sublicensee.)"],
  ["S32", "Recordation of sublicense amended (Recordation of a sublicense was amended.)"],
  ["S33", "Recordation of sublicense cancelled (Recordation of a sublicense was cancelled.)"],
  ["S34", "Concession recorded (A concession was recorded.)"],
  ["S35", "Recordation of concession amended (Recordation of a concession was amended.)"],
  ["S36", "Recordation of concession cancelled (Recordation of a concession was cancelled.)"],
  ["S37", "Subconcession recorded (A subconcession was recorded.)"],
  ["S38", "Recordation of subconcession amended (Recordation of a subconcession was amended.)"],
  ["S39", "Recordation of subconcession cancelled (Recordation of a subconcession was cancelled.)"],
  [
    "T11",
    "Administrative time limit extension requested (An extension of a time limit or continued processing was requested.)",
  ],
  [
    "T12",
    "Administrative time limit extension not granted (A request for an extension of a time limit or continued processing was inadmissible, rejected or withdrawn.)",
  ],
  [
    "T13",
    "Administrative time limit extension granted (A request for an extension of a time limit or continued processing was granted.)",
  ],
  [
    "T14",
    "Administrative procedure suspended or stayed (An administrative procedure was suspended, stayed or discontinued.)",
  ],
  ["T15", "Administrative procedure interrupted (An administrative procedure was interrupted.)"],
  [
    "T16",
    "Administrative procedure resumed (An administrative procedure which had previously been suspended, stayed, discontinued or interrupted was resumed.)",
  ],
  ["U11", "Full renewal or maintenance fee paid (A full renewal or maintenance fee was paid.)"],
  ["U12", "Designation fee paid (A designation fee was paid.)"],
  ["U13", "Renewal or maintenance fee not paid (A renewal or maintenance fee was not paid by the due date.)"],
  ["U14", "Designation fee not paid (A designation fee was not paid.)"],
  [
    "U15",
    "Partial renewal or maintenance fee paid modifying the IP right scope (A partial renewal or maintenance fee was paid which modified the scope of the IP right.)",
  ],
  [
    "V11",
    "Administrative appeal requested (An appeal of a decision was requested to an administrative body, board, or tribunal.)",
  ],
  ["V12", "Court appeal requested (An appeal of a decision was requested to a court or judicial body.)"],
  ["V13", "Appeal inadmissible, rejected or withdrawn (The appeal was inadmissible, rejected or withdrawn)."],
  [
    "V14",
    "Decision remanded (The appeal was allowed and the appellate body remanded the decision back to the original decision-maker for reconsideration.)",
  ],
  [
    "V15",
    "Decision substituted (The appeal was allowed and the appellate body substituted its own decision for the original decision.)",
  ],
] as const;

export const eventIndicators = [
  ["APL", "Administrative appeal procedure"],
  ["ASN", "Assignments procedure"],
  ["CIP", "Procedure related to continuations-in-part, patents of addition, or similar"],
  ["CNV", "Procedure related to conversions"],
  ["CRT", "Procedure related to court appeals"],
  ["DIV", "Procedure related to divisionals, continuations, or similar"],
  ["EXM", "Examination procedure"],
  ["IAP", "International application procedure"],
  ["IVA", "Nullity/invalidation procedure"],
  ["LIC", "Procedure related to licences"],
  ["LIM", "Limitation procedure"],
  ["NAP", "National application procedure"],
  ["OPP", "Opposition procedure"],
  ["OTH", "Other procedure"],
  ["PRV", "Procedure related to provisional applications"],
  ["RAP", "Regional application procedure"],
  ["REX", "Re-examination procedure"],
  ["RIS", "Re-issue procedure"],
  ["RVC", "Revocation/surrender procedure"],
  ["SEC", "Procedure related to pledges, mortgages, seizures or similar"],
  ["SPC", "Supplementary protection certificate procedure"],
  ["SRH", "Search procedure"],
  ["TAD", "Term adjustment procedure"],
  ["TEX", "Term extension procedure"],
  ["UNS", "Unspecified"],
] as const;
