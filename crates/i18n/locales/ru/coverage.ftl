cov-state-list = ({ $states })
cov-adopted-recorded = { $body } приняла { $what } путем заносимого в отчет о заседании голосования: { $yes } — «за», { $no } — «против»{ $no_list }, { $abstain ->
    [0] воздержавшихся нет
   *[other] { $abstain } воздержались
}{ $abstain_list }.
cov-adopted-sc = { $body } принял { $what }: { $yes } — «за», { $no ->
    [0] «против» — нет
   *[other] { $no } — «против»
}{ $no_list }, { $abstain ->
    [0] воздержавшихся нет
   *[other] { $abstain } воздержались
}{ $abstain_list }.
cov-adopted-without-vote = { $body } { $bodykind ->
    [sc] принял
   *[other] приняла
} { $what } без голосования.
cov-rejected = { $body } { $bodykind ->
    [sc] отклонил
   *[other] отклонила
} { $what }: { $yes } — «за», { $no } — «против»{ $no_list }, { $abstain } воздержались{ $abstain_list }; необходимое большинство не набрано.
cov-vetoed = { $what_cap } не принят из-за голоса «против» { $count ->
    [one] постоянного члена Совета: { $vetoers }
   *[other] постоянных членов Совета: { $vetoers }
}. Итоги голосования: { $yes } — «за», { $no } — «против»{ $no_list }, { $abstain } воздержались{ $abstain_list }.
cov-what-resolution = резолюцию { $symbol }
cov-what-draft = проект резолюции { $symbol }
cov-what-amendment = поправку ({ $title })
cov-what-amendment-cap = Поправка ({ $title })
cov-what-draft-cap = Проект резолюции { $symbol }
cov-amendments-first = Перед этим голосованием { $bodykind ->
    [sc] он принял
   *[other] она приняла
} решения по { $count ->
    [one] { $count } поправке
   *[other] { $count } поправкам
}.
cov-and = и
