app-name = Plenary
app-tagline = Решения Генеральной Ассамблеи и Совета Безопасности: как их принимают и как их записывают

body-ga = Генеральная Ассамблея
body-sc = Совет Безопасности

vote-cat-yes = За
vote-cat-no = Против
vote-cat-abstain = Воздержались
vote-cat-non-voting = Не голосовали
vote-cat-absent = Отсутствовали
vote-yes = За
vote-no = Против
vote-abstain = Воздержаться
vote-non-voting = Не голосует
vote-absent = Отсутствует

outcome-adopted = Принято
outcome-rejected = Не принято
outcome-vetoed = Вето

measure-identical = Одинаковые голоса
measure-lijphart = Индекс Лейпхарта
measure-s-score = S-показатель
measure-state-dept = Совпадение голосов (Госдеп США)

chart-votes-count = { $count ->
    [one] { $count } голосование
    [few] { $count } голосования
   *[other] { $count } голосований
}
