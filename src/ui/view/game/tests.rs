//! The game screen's layout at given heights: 80×24 exactly, scrolling, and
//! where the extra rows of larger screens go.

use super::*;

/// Washington's side: progress a figure, Moscow's leverage an estimate.
const WASHINGTON: Wants = Wants {
    gauges: 4,
    figures: 2,
    moves: 11,
    treaties: 1,
    ledger: 6,
    detail: 2,
    must_read: 1,
};

/// Moscow's side of the default scenario: more moves, more figures.
const MOSCOW: Wants = Wants {
    gauges: 4,
    figures: 5,
    moves: 15,
    treaties: 1,
    ledger: 3,
    detail: 2,
    must_read: 1,
};

fn total(r: &Rows, w: Wants) -> u16 {
    1 + r.top + w.treaties + r.gap + r.news + r.gap + 1 + r.moves + r.detail + 1
}

#[test]
fn fits_80x24_exactly() {
    let r = rows(24, WASHINGTON);
    let got = (r.figures, r.chart, r.top, r.news, r.moves, r.detail, r.gap);
    assert_eq!(got, (1, 1, 6, 1, 11, 2, 0), "{r:?}");
    assert_eq!(total(&r, WASHINGTON), 24);
}

#[test]
fn many_moves_scroll_and_keep_news_and_a_detail_row_at_80x24() {
    let r = rows(24, MOSCOW);
    assert_eq!(
        (r.figures, r.news, r.moves, r.detail, r.chart),
        (1, 1, 13, 1, 0),
        "{r:?}"
    );
    assert_eq!(total(&r, MOSCOW), 24);
    let r = rows(26, MOSCOW);
    assert_eq!(r.moves, 15, "every move once there is room: {r:?}");
    let r = rows(40, MOSCOW);
    assert_eq!(r.figures, 5, "each figure on its own row: {r:?}");
}

/// At 100×30 the details were cut while the chart's two upper rows stood empty:
/// the details and the news come first now.
#[test]
fn at_100x30_text_comes_before_an_empty_chart() {
    let w = Wants {
        detail: 5,
        ..WASHINGTON
    };
    let r = rows(30, w);
    assert_eq!((r.detail, r.chart, r.news), (5, 1, 4), "{r:?}");
    assert_eq!(r.figures, 1, "the figures share a row, not cut the news");
    assert_eq!(total(&r, w), 30);
}

/// With room for everything, the layout at 120×40 is what it was.
#[test]
fn at_120x40_the_layout_is_unchanged() {
    let r = rows(
        40,
        Wants {
            detail: 4,
            ..WASHINGTON
        },
    );
    assert_eq!(
        r,
        Rows {
            // Each of the two figures on its row, from the chart's room.
            figures: 2,
            chart: 5,
            top: 11,
            news: 7,
            moves: 11,
            detail: 5,
            gap: 1
        }
    );
}

#[test]
fn extra_rows_all_go_somewhere() {
    for w in [WASHINGTON, MOSCOW] {
        for h in 24..80 {
            let r = rows(h, w);
            assert_eq!(total(&r, w), h, "{h}: {r:?}");
        }
    }
}

/// What the details must say whole (a reason, a forecast) takes its rows before
/// the moves at 80×24, up to five; the list scrolls for the rest.
#[test]
fn the_must_read_details_come_before_the_moves_at_80x24() {
    for (must, detail, moves) in [(1, 1, 13), (3, 3, 11), (4, 4, 10), (5, 5, 9), (9, 5, 9)] {
        let w = Wants {
            moves: 13,
            detail: 9,
            must_read: must,
            ..WASHINGTON
        };
        let r = rows(24, w);
        assert_eq!((r.detail, r.moves), (detail, moves), "{must}: {r:?}");
        assert_eq!(total(&r, w), 24);
    }
}
