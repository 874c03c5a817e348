# charts
# The strings of the SVG charts: `plenary plot --lang`, the analysis page and the country page.
# `plenary_analysis::chart::MESSAGES` lists these keys with the variables each chart passes; a test
# there checks the list against the charts, and `tests/chart_messages.rs` every key in en, uk, ru.
chart-agree-title = Agreement in the General Assembly: { $a } and { $b }
# One state against several, named in the legend.
chart-agree-many-title = { $a }: agreement with other states in the General Assembly
chart-partners-title = Closest and farthest partners of { $state }
# $period: the years of the chart, "2019" or "2010–2019".
chart-matrix-title = Agreement between states, { $period }
chart-blocs-title = Voting blocs, { $period }
chart-idealpoints-title = Positions on the main dimension of UN voting
chart-axis-year = Year
chart-axis-session = Session
# $measure: one of chart-measure-*, in the middle of a sentence.
chart-axis-agreement = Agreement ({ $measure })
chart-axis-position = Ideal point (United States positive)
chart-axis-dimension-1 = Dimension 1
chart-axis-dimension-2 = Dimension 2
chart-closest = Closest
chart-farthest = Farthest
# A bloc of the blocs' map; $state: its best-known member, $count: how many members it has.
chart-bloc-lead = Bloc { $bloc } ({ $state }, { $count })
chart-interval = 95% interval
chart-no-data = No votes in common
chart-source = Source: UN General Assembly recorded votes (Voeten/unvotes to 2019, UN DGACM from 2019); Plenary
# Under the partners' bars: what the number in brackets after each value is.
chart-votes-in-common = In brackets: the number of votes in common
# The decimal separator of numbers on the charts (ticks, values).
chart-decimal-separator = .
chart-measure-identical = identical votes
chart-measure-lijphart = Lijphart index
chart-measure-s-score = S-score
chart-measure-state-dept = State Department coincidence
