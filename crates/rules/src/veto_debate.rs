//! The General Assembly's debate on a veto cast in the Security Council.
//!
//! A/RES/76/262 (26 April 2022), operative paragraph 1: the General Assembly "Decides that the
//! President of the General Assembly shall convene a formal meeting of the General Assembly
//! within ten working days of the casting of a veto by one or more permanent members of the
//! Security Council, to hold a debate on the situation as to which the veto was cast".
//!
//! This module is the date arithmetic only: the last day on which that meeting may be held.
//! Working days are Monday to Friday. United Nations holidays (which differ by duty station
//! and year, and are published by the Secretariat each year) are not modelled, so the
//! deadline computed here can be earlier than the Secretariat's by the holidays in between;
//! it is never later.

use chrono::{Datelike, Weekday};

use crate::states::Date;

/// The number of working days the President of the General Assembly has to convene the
/// debate (A/RES/76/262, para. 1).
pub const WORKING_DAYS: u32 = 10;

/// Monday to Friday. UN holidays are not modelled (see the module doc).
pub fn is_working_day(d: Date) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The `n`th working day after `from` (`from` itself is not counted, whatever day it is).
/// `None` only if the calendar runs out (dates beyond chrono's range).
pub fn working_days_after(from: Date, n: u32) -> Option<Date> {
    let mut d = from;
    let mut left = n;
    while left > 0 {
        d = d.succ_opt()?;
        if is_working_day(d) {
            left -= 1;
        }
    }
    Some(d)
}

/// The last day on which the General Assembly's formal meeting on a veto cast on `vetoed_on`
/// may be held: ten working days after the day of the veto (A/RES/76/262, para. 1; the day
/// of the veto is not counted; UN holidays are not modelled).
pub fn debate_deadline(vetoed_on: Date) -> Option<Date> {
    working_days_after(vetoed_on, WORKING_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).unwrap()
    }

    /// A/RES/76/262 para. 1: a veto on Monday 24 February 2025 gives until Monday 10 March
    /// (two full working weeks; the day of the veto not counted).
    #[test]
    fn ten_working_days_from_a_monday_are_two_weeks() {
        assert_eq!(debate_deadline(d(2025, 2, 24)), Some(d(2025, 3, 10)));
    }

    /// A veto on a Friday: the weekend that follows is not counted.
    #[test]
    fn weekends_are_not_working_days() {
        // Friday 13 June 2025 -> Friday 27 June 2025.
        assert_eq!(debate_deadline(d(2025, 6, 13)), Some(d(2025, 6, 27)));
        // Thursday 26 May 2022 -> Thursday 9 June 2022.
        assert_eq!(debate_deadline(d(2022, 5, 26)), Some(d(2022, 6, 9)));
    }

    /// A veto cast at a Saturday meeting: counting starts on the Monday.
    #[test]
    fn a_veto_on_a_weekend_counts_from_the_next_monday() {
        // Saturday 1 March 2025 and Sunday 2 March 2025 -> Friday 14 March 2025.
        assert_eq!(debate_deadline(d(2025, 3, 1)), Some(d(2025, 3, 14)));
        assert_eq!(debate_deadline(d(2025, 3, 2)), Some(d(2025, 3, 14)));
    }

    /// Across a year's end and a leap day, still Monday to Friday only (holidays not modelled).
    #[test]
    fn the_count_crosses_months_and_years() {
        // Wednesday 24 December 2025 -> Wednesday 7 January 2026.
        assert_eq!(debate_deadline(d(2025, 12, 24)), Some(d(2026, 1, 7)));
        // Monday 26 February 2024 -> Monday 11 March 2024 (29 February counted once).
        assert_eq!(debate_deadline(d(2024, 2, 26)), Some(d(2024, 3, 11)));
    }

    #[test]
    fn the_deadline_is_a_working_day_and_exactly_ten_working_days_later() {
        let mut day = d(2022, 4, 26);
        for _ in 0..800 {
            let end = debate_deadline(day).unwrap();
            assert!(is_working_day(end), "{end}");
            let mut n = 0;
            let mut x = day;
            while x < end {
                x = x.succ_opt().unwrap();
                if is_working_day(x) {
                    n += 1;
                }
            }
            assert_eq!(n, WORKING_DAYS, "from {day}");
            assert!((end - day).num_days() >= 12 && (end - day).num_days() <= 16, "from {day}: {end}");
            day = day.succ_opt().unwrap();
        }
    }
}
