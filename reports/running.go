package reports

import "skm/survey"

// Running is what the survey's months say at one month's end, as the monthly evaluation
// shows it: the survey period so far, the month alone, and both as of the previous month's
// end (the previous period's result when the month opens its period), plus each of the trend's
// periods. The dashboard and the monthly workbook both take their survey figures from it.
type Running struct {
	Month, PrevMonth survey.Period
	// Period is the survey period of Month; PrevPeriod the one of PrevMonth.
	Period, PrevPeriod survey.Period
	// UpTo is Period from its start to Month's end; UpToPrev is PrevPeriod to PrevMonth's end.
	UpTo, UpToPrev survey.Tally
	// ThisMonth and LastMonth are the two months alone (an indicative IKM).
	ThisMonth, LastMonth survey.Tally
	// Trend are the periods ending with Period, oldest first: the earlier ones whole, Period
	// up to Month's end (equal to UpTo).
	Trend []PeriodTally
}

// PeriodTally is the tally of one survey period.
type PeriodTally struct {
	Period survey.Period
	Tally  survey.Tally
}

// TrendStart is the first of n survey periods that end with period.
func TrendStart(period survey.Period, n int) survey.Period {
	for range n - 1 {
		period = period.Previous()
	}
	return period
}

// RunningAt splits the monthly tallies of IKMMonths (from TrendStart(period, n) to period)
// into the figures of month, whose survey period is period.
func RunningAt(months []MonthTally, month, period survey.Period, n int) Running {
	r := Running{Month: month, PrevMonth: month.Previous(), Period: period, PrevPeriod: period}
	if !period.Contains(r.PrevMonth.Start()) {
		r.PrevPeriod = period.Previous()
	}
	r.Trend = make([]PeriodTally, n)
	for i, p := 0, TrendStart(period, n); i < n; i, p = i+1, p.Next() {
		r.Trend[i].Period = p
	}
	for _, mt := range months {
		first := mt.Month.Start()
		for i := range r.Trend {
			// As of the month's end: its period's point counts no later month.
			if r.Trend[i].Period.Contains(first) && !mt.Month.After(month) {
				AddTally(&r.Trend[i].Tally, mt.Tally)
			}
		}
		switch mt.Month {
		case month:
			r.ThisMonth = mt.Tally
		case r.PrevMonth:
			r.LastMonth = mt.Tally
		}
		if period.Contains(first) && !mt.Month.After(month) {
			AddTally(&r.UpTo, mt.Tally)
		}
		if r.PrevPeriod.Contains(first) && !mt.Month.After(r.PrevMonth) {
			AddTally(&r.UpToPrev, mt.Tally)
		}
	}
	return r
}

// AddTally adds t into into.
func AddTally(into *survey.Tally, t survey.Tally) {
	into.Respondents += t.Respondents
	for i := range into.Sum {
		into.Sum[i] += t.Sum[i]
		into.Answers[i] += t.Answers[i]
	}
}
