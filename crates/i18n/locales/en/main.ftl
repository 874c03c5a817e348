app-name = Plenary
app-tagline = Decisions of the General Assembly and the Security Council, as they are taken and as they are recorded

body-ga = General Assembly
body-sc = Security Council

# A vote category, as a heading of a list of states.
vote-cat-yes = In favour
vote-cat-no = Against
vote-cat-abstain = Abstentions
vote-cat-non-voting = Non-voting
vote-cat-absent = Absent
# A vote as a button or a short label.
vote-yes = Yes
vote-no = No
vote-abstain = Abstain
vote-non-voting = Not voting
vote-absent = Absent

outcome-adopted = Adopted
outcome-rejected = Not adopted
outcome-vetoed = Vetoed

measure-identical = Identical votes
measure-lijphart = Lijphart index
measure-s-score = S-score
measure-state-dept = Voting coincidence (US State Department)

chart-votes-count = { $count ->
    [one] { $count } vote
   *[other] { $count } votes
}
