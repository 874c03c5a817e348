# Web pages (crates/web).
web-skip = Skip to the content
web-nav-label = Main navigation
web-nav-home = Home
web-nav-search = Search
web-lang-label = Language
web-footer = Plenary keeps the public record of the General Assembly's and the Security Council's votes. Every figure names its source.
web-not-member = Not a Member on the date
web-territory = A territory with no seat of its own in the UN
web-in-english = in English, as recorded; no translation in the record
web-decision-heading = Decision
web-field-symbol = Symbol
web-field-date = Date
web-field-body = Body
web-field-meeting = Meeting
web-field-draft = Draft
web-tally-heading = The vote
web-tally-published = As published
web-tally-counted = As counted from the states listed
web-tally-unpublished = not published
web-states-heading = States by vote
web-state-count = { $count ->
    [one] { $count } state
   *[other] { $count } states
}
web-map-heading = Map of the vote
web-map-caption = World map of the vote on { $symbol }: each state's colour and pattern show its vote
web-outcome-heading = Outcome
web-reason-heading = Why
web-reason-two-thirds-met = Important question: { $yes } in favour is at least two thirds of the { $pv } present and voting (needed { $needed }; Charter, Article 18(2)).
web-reason-two-thirds-not-met = Important question: { $yes } in favour is less than two thirds of the { $pv } present and voting (needed { $needed }; Charter, Article 18(2)).
web-reason-simple-met = { $yes } in favour and { $no } against: a majority of those present and voting (Charter, Article 18(3)).
web-reason-simple-not-met = { $yes } in favour and { $no } against: no majority of those present and voting (Charter, Article 18(3)).
web-reason-sc-met = { $yes } affirmative votes, at least the nine required, and no negative vote of a permanent member (Charter, Article 27(3)).
web-reason-sc-short = { $yes } affirmative votes, fewer than the nine required (Charter, Article 27(3)).
web-reason-vetoed = A negative vote of a permanent member: { $vetoers } (Charter, Article 27(3)).
web-reason-without-vote = Adopted without a vote: no count was taken.
web-findings-heading = Doubts about the source
web-no-findings = The source raised no doubts about this decision.
web-source-heading = Source of the record
web-source-format = Format
web-source-file = File
web-source-line = Record
web-source-version = Version (SHA-256)
web-coverage-heading = Coverage
web-board-title = Voting board
web-board-open = Voting is open
web-board-closed = Voting is closed
web-board-totals = Running totals
web-board-result = Result
web-board-live = Updated live
web-signin-heading = Sign in
web-signin-user = User name
web-signin-password = Password
web-signin-submit = Sign in
web-delegation-heading = Delegation of { $state }
web-question = Question
web-question-text = Text
web-cast-vote = Your vote
web-recorded-vote = Your vote as recorded: { $vote }
web-no-vote-yet = No vote of yours is recorded yet.
web-vote-can-change = You can change your vote until the vote is closed.
web-vote-is-closed = The vote is closed; your vote can no longer be changed.
web-chair-title = Chair's console
web-attendance = Attendance
web-present = Present
web-order-heading = Order of voting
web-order-reason = Why this order
web-open-vote = Open the vote
web-close-vote = Close the vote
web-home-recent = Recent decisions
web-home-search = Search the record
web-home-search-label = Symbol, title or state
web-home-search-button = Search
web-home-meetings = Meetings in progress
web-home-no-meetings = No meeting is in progress.
web-country-votes = Voting record
web-country-charts = Analysis
web-col-symbol = Symbol
web-col-date = Date
web-col-title = Title
web-col-vote = Vote
web-col-outcome = Outcome
web-why-motion = Procedural motions are voted first, in their order of precedence (GA rule 77; SC rule 33).
web-why-amendment = Amendments are voted before the proposal, the furthest removed in substance first (GA rule 90; SC rule 36).
web-why-part = Parts voted separately come before the proposal as a whole (GA rule 89; SC rule 32).
web-why-proposal = Proposals are voted in the order they were submitted (GA rule 91; SC rule 32).

# Served pages (crates/server/src/pages.rs).
web-home-results = { $count ->
    [one] { $count } decision found for “{ $query }”
   *[other] { $count } decisions found for “{ $query }”
}
web-attendance-save = Record attendance
web-chair-nothing-to-vote = Nothing is before the meeting to be put to the vote.
web-signout = Sign out
web-error-title = Refused
web-error-detail = The server's words
web-error-not-found-title = Not found
web-error-not-found = There is no such page, decision, state or meeting in the record.
web-error-no-decision = No decision in the record has the symbol { $symbol }.
web-error-no-record = The historic record is not loaded: run “plenary init” first.
web-error-csrf = The form has expired or did not come from this site. Reload the page and try again.
web-error-signin-failed = Unknown user name or wrong password.
web-error-not-signed-in = Sign in first.
web-error-not-your-state = A delegation can cast only its own state's vote.
web-error-vote-closed = The vote is closed.
web-error-not-present = Your delegation is not recorded as present at this meeting.
web-error-no-vote = Your state has no vote (Charter, Article 19).
web-error-wrong-role = This console is for another role: sign in with the right account.
web-error-conflict = The meeting's state does not allow this now.
web-error-bad-request = The form was not filled in as expected.
web-error-internal = The server could not complete the request.
web-back = Back

# --- The document page (crates/web/src/document.rs) ---
web-doc-sponsors = Sponsors
web-doc-no-sponsors = The record lists no sponsors for this document.
web-doc-text = Text
web-doc-text-in-english = This text is shown in English: no { $language } version is available.
web-doc-no-text = The record has no text of this document (the project's data holds the texts of resolutions ES-11/1 to ES-11/6).
web-doc-lang-en = English
web-doc-lang-uk = Ukrainian
web-doc-lang-ru = Russian
web-doc-text-source = Official text (United Nations, DGACM; unofficial copy for information):
web-doc-legend = Tracked changes: [−] struck-through text is what an amendment deletes, [+] underlined text what it inserts.
web-doc-amendment-fate = amendment: { $outcome }
web-doc-amendments = Amendments
web-doc-no-amendments = The record holds no vote on an amendment to this document.
web-doc-change-in-text = The change is shown in the text above.
web-doc-decision-link = Decision page
web-doc-votes = Votes
web-doc-col-subject = Question
web-doc-col-outcome = Outcome
web-doc-vote-amendment = Amendment
web-doc-resolution = Resolution
web-doc-deleted = deleted text:
web-doc-inserted = inserted text:
# --- The analysis page (crates/web/src/analysis.rs) ---
web-analysis-title = Analysis: agreement and blocs
web-analysis-filters = Period and issue
web-analysis-from = From (year)
web-analysis-to = To (year)
web-analysis-issue = Issue
web-analysis-measure = Measure
web-analysis-blocs-k = Blocs
web-analysis-states = States in the heat map
web-analysis-states-hint = Up to 40 ISO codes separated by commas; empty: 30 states spread across the blocs map, with the five permanent members.
web-analysis-apply = Show
web-analysis-matrix = Agreement matrix
web-analysis-blocs = Blocs map
web-analysis-no-votes = The record has no General Assembly recorded vote in this selection.
web-analysis-states-missing = Not in this selection (too few votes or not Members): { $states }.
web-analysis-summary = { $votes ->
    [one] One recorded vote
   *[other] { $votes_text } recorded votes
} of the General Assembly (unanimous votes left out); { $states } states on the map, { $shown } in the heat map.
web-analysis-matrix-caption = Share of votes in common between each pair of { $count } states, darker for more agreement: { $states }.
web-analysis-blocs-caption = Each dot is a state, placed so that states that vote alike are close; its colour and the legend give its bloc, and the lists below name every state by bloc.
web-analysis-bloc = Bloc { $bloc } ({ $count ->
    [one] one state
   *[other] { $count } states
})
web-issue-all = All issues
web-issue-me = Palestinian conflict
web-issue-nu = Nuclear weapons
web-issue-di = Arms control and disarmament
web-issue-hr = Human rights
web-issue-co = Colonialism
web-issue-ec = Economic development
web-measure-identical = Identical votes
web-measure-lijphart = Lijphart index
web-measure-s-score = S-score
web-measure-state-dept = State Department coincidence

## Issue 6, part 3: links between the decision, document and analysis pages
web-nav-analysis = Analysis
web-home-analysis = Agreement and blocs in the General Assembly: the analysis page
web-decision-related = Related pages
web-decision-document = The document: text, sponsors and amendments
web-decision-amendments = Amendments voted on this draft
web-error-bad-query = The form's field “{ $field }” cannot be used with the value “{ $value }”.
web-country-charts-note = The charts count the General Assembly's recorded votes (identical votes, unanimous votes left out) for the period of the filter.

# The chair's console: debates the General Assembly must hold on a Security Council veto
# (A/RES/76/262, para. 1).
web-veto-debates-heading = Debates on a veto in the Security Council (A/RES/76/262)
web-veto-debate = { $symbol }: vetoed by { $states } on { $date }; the Assembly must meet by { $to } (ten working days).

## The country page: the ideal point over time, fitted in the background (plenary-server fits.rs)
web-country-idealpoints = Ideal point over time
web-country-idealpoints-note = Where the state stands each year on the main dimension of the General Assembly's recorded votes (the United States positive), with its 95% interval: the dynamic model of Bailey, Strezhnev and Voeten (2017), fitted on the whole record, shown for the period of the filter.
web-country-idealpoints-computing = The ideal points are being computed from the record; this takes a few seconds. Reload the page to see the chart.
web-country-idealpoints-updating = The record has changed since these estimates were made; new ones are being computed.
web-country-idealpoints-too-little = The record holds no contested recorded vote of the General Assembly yet, so there is nothing to estimate ideal points from.
web-country-idealpoints-none = The estimates give this state no ideal point in this period: it cast no usable recorded vote (unanimous votes and absences are left out).
web-country-idealpoints-failed = The ideal points could not be computed; the server's log says why.

## The chair's console: a vote by show of hands (GA rule 87; plenary-server meeting.rs enter_tally)
web-method-legend = How the question is put to the vote
web-method-recorded = Recorded vote: each delegation votes from its console
web-method-show-of-hands = Show of hands (rule 87): the chair enters the counts
web-hands-heading = Counts of the show of hands
web-hands-hint = Enter the counts as announced. Members present and not counted are recorded as present and not voting; no state's vote is recorded by name.
web-hands-vetoed-by = Permanent members that voted against (Charter, Article 27(3))
web-hands-submit = Enter the counts
web-error-counts-above-membership = More votes were counted than there are members present with a vote.
web-error-counts-contradict-veto = Fewer votes against were counted than the permanent members marked as voting against.
web-error-recorded-vote = This question is put to a recorded vote: the delegations vote, and the chair closes the vote.
web-error-show-of-hands = This question is put to a vote by show of hands: the chair enters the counts.

## The vetoes page (/vetoes; plenary_record::vetoes) and a meeting's page with its coverage
## (/meeting/...; plenary_web::document::load_coverage)
web-nav-vetoes = Vetoes
web-home-vetoes = Vetoes in the Security Council: who vetoed what, and when
web-vetoes-title = Vetoes in the Security Council
web-vetoes-filters = Filter the vetoes
web-vetoes-state = Vetoed by
web-vetoes-any-state = Any permanent member
web-vetoes-from = From
web-vetoes-to = To
web-vetoes-apply = Show
web-vetoes-dates-hint = A year (2022) or a date (2022-02-25); “from” a year starts on 1 January, “to” a year ends on 31 December.
web-vetoes-sources = The record holds the vetoes its sources hold: the Security Council archive lists adopted resolutions only, so the vetoes here come from the verified votes of 2014-2025 and from the meetings run here. A draft fails by a veto when it had at least nine votes in favour and a permanent member voted against (Charter, Article 27(3)).
web-vetoes-count = { $count ->
    [0] No veto in the record for these filters
    [one] { $count } veto
   *[other] { $count } vetoes
}
web-vetoes-count-by = { $count ->
    [0] { $state }: no veto in the record for these filters
    [one] { $state }: { $count } veto
   *[other] { $state }: { $count } vetoes
}
web-vetoes-amendment = Amendment
web-vetoes-col-by = Vetoed by
web-vetoes-col-tally = Vote
web-vetoes-tally = { $yes } in favour, { $no } against, { $abstain } abstaining
web-vetoes-tally-partial = { $yes } in favour; the record does not give the votes against and the abstentions
web-meeting-coverage = Meeting coverage
web-meeting-decisions = Decisions at this meeting
web-meeting-undetermined = Not determined
web-meeting-col-decision = Decision

# decision page: link to its meeting
web-decision-meeting-page = The meeting and its coverage
