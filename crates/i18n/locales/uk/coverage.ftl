cov-state-list = ({ $states })
cov-adopted-recorded = { $body } ухвалила { $what } шляхом заносного до протоколу голосування: { $yes } — «за», { $no } — «проти»{ $no_list }, { $abstain ->
    [0] без утриманих
   *[other] { $abstain } утрималися
}{ $abstain_list }.
cov-adopted-sc = { $body } ухвалила { $what }: { $yes } — «за», { $no ->
    [0] жодного голосу «проти»
   *[other] { $no } — «проти»
}{ $no_list }, { $abstain ->
    [0] без утриманих
   *[other] { $abstain } утрималися
}{ $abstain_list }.
cov-adopted-without-vote = { $body } ухвалила { $what } без голосування.
cov-rejected = { $body } відхилила { $what }: { $yes } — «за», { $no } — «проти»{ $no_list }, { $abstain } утрималися{ $abstain_list }; необхідної більшості не набрано.
cov-vetoed = { $what_cap } не ухвалено через голос «проти» { $count ->
    [one] постійного члена Ради: { $vetoers }
   *[other] постійних членів Ради: { $vetoers }
}. Результати голосування: { $yes } — «за», { $no } — «проти»{ $no_list }, { $abstain } утрималися{ $abstain_list }.
cov-what-resolution = резолюцію { $symbol }
cov-what-draft = проєкт резолюції { $symbol }
cov-what-amendment = поправку ({ $title })
cov-what-amendment-cap = Поправку ({ $title })
cov-what-draft-cap = Проєкт резолюції { $symbol }
cov-amendments-first = Перед цим голосуванням вона ухвалила рішення щодо { $count ->
    [one] { $count } поправки
   *[other] { $count } поправок
}.
cov-and = і
