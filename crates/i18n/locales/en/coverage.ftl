# Meeting coverage, in the manner of the UN's press releases (press.un.org).
# $body is the body's name; $what is "resolution ES-11/7" or "draft resolution A/73/L.42".
cov-state-list = ({ $states })
cov-adopted-recorded = The { $body } adopted { $what } by a recorded vote of { $yes } in favour to { $no } against{ $no_list }, with { $abstain ->
    [0] no abstentions
    [one] one abstention
   *[other] { $abstain } abstentions
}{ $abstain_list }.
cov-adopted-sc = The { $body } adopted { $what } by { $yes } votes in favour to { $no ->
    [0] none
   *[other] { $no }
} against{ $no_list }, with { $abstain ->
    [0] no abstentions
    [one] one abstention
   *[other] { $abstain } abstentions
}{ $abstain_list }.
cov-adopted-without-vote = The { $body } adopted { $what } without a vote.
cov-rejected = The { $body } rejected { $what }, which obtained { $yes } votes in favour to { $no } against{ $no_list }, with { $abstain } abstentions{ $abstain_list }, having failed to obtain the required majority.
cov-vetoed = { $what_cap } was not adopted, owing to the negative vote of { $count ->
    [one] a permanent member of the Council, { $vetoers }
   *[other] permanent members of the Council, { $vetoers }
}. The vote was { $yes } in favour to { $no } against{ $no_list }, with { $abstain } abstentions{ $abstain_list }.
cov-what-resolution = resolution { $symbol }
cov-what-draft = draft resolution { $symbol }
cov-what-amendment = an amendment ({ $title })
cov-what-amendment-cap = An amendment ({ $title })
cov-what-draft-cap = Draft resolution { $symbol }
cov-amendments-first = Before that vote, it decided on { $count ->
    [one] one amendment
   *[other] { $count } amendments
}.
cov-and = and

# Counts a source did not publish (GA-2025-02-24-L11-RUAMD gives no abstentions;
# SC-2025-02-24-EUAMD-SOVEREIGNTY only the votes in favour): say so rather than print a zero.
# $missing is "abstain" (only the abstentions are unknown) or "other" (only the votes in favour are known).
cov-adopted-partial = The { $body } adopted { $what } by { $yes } { $yes ->
    [one] vote
   *[other] votes
} in favour{ $missing ->
    [abstain] { " " }to { $no } against{ $no_list }; the record does not give the number of abstentions
   *[other] ; the record does not give the other figures
}.
cov-rejected-partial = The { $body } rejected { $what }, which obtained { $yes } { $yes ->
    [one] vote
   *[other] votes
} in favour{ $missing ->
    [abstain] { " " }to { $no } against{ $no_list }; the record does not give the number of abstentions
   *[other] ; the record does not give the other figures
}.
cov-vetoed-partial = { $what_cap } was not adopted, owing to the negative vote of { $count ->
    [one] a permanent member of the Council, { $vetoers }
   *[other] permanent members of the Council, { $vetoers }
}. It obtained { $yes } { $yes ->
    [one] vote
   *[other] votes
} in favour{ $missing ->
    [abstain] { " " }to { $no } against{ $no_list }; the record does not give the number of abstentions
   *[other] ; the record does not give the other figures
}.
# `plenary coverage MEETING`: the heading of a meeting's summary.
cov-meeting-heading = { $body }, { $date }{ $meeting ->
    [none] {""}
   *[other] { " " }({ $meeting })
}: { $count ->
    [one] one decision
   *[other] { $count } decisions
}
cov-what-amendment-to = an amendment to { $target }
cov-what-amendment-to-cap = An amendment to { $target }
cov-what-amendment-to-res = an amendment to the draft that became resolution { $res }
cov-what-amendment-to-res-cap = An amendment to the draft that became resolution { $res }
