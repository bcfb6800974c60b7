//! The ranking table: the publisher's ranking where category scores are missing, the engine's
//! re-ranking under the current weights where they are published.

use super::state::{table_memo, use_app, Table};
use crate::engine::score;
use leptos::prelude::*;

/// One row as shown.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    unit: usize,
    id: String,
    name: String,
    rank: Option<u32>,
    score: Option<f64>,
    official_rank: Option<u32>,
    change: Option<i64>,
}

#[component]
pub fn RankingView() -> impl IntoView {
    let app = use_app();
    let table = table_memo(app);
    let lang = move || app.lang();
    let rows = Memo::new(move |_| {
        let ds = app.dataset()?;
        let rows = match table.get()? {
            Table::Official { order } => order
                .into_iter()
                .map(|i| {
                    let u = &ds.units[i];
                    Row {
                        unit: i,
                        id: u.id.clone(),
                        name: u.name.clone(),
                        rank: u.official.rank,
                        score: u.official.index,
                        official_rank: u.official.rank,
                        change: None,
                    }
                })
                .collect::<Vec<_>>(),
            Table::Computed { ranking, .. } => ranking
                .ranked
                .iter()
                .map(|r| {
                    let u = &ds.units[r.unit];
                    Row {
                        unit: r.unit,
                        id: u.id.clone(),
                        name: u.name.clone(),
                        rank: Some(r.rank),
                        score: Some(r.score),
                        official_rank: u.official.rank,
                        change: score::rank_change(u.official.rank, Some(r.rank)),
                    }
                })
                .collect(),
            Table::Error(_) => Vec::new(),
        };
        Some(rows)
    });
    let precision = move || app.dataset().map(|d| d.precision as usize).unwrap_or(4);
    let official = move || matches!(table.get(), Some(Table::Official { .. }));
    view! {
        <section class="ranking" aria-labelledby="ranking-h">
            <h2 id="ranking-h">{move || lang().t("Bảng xếp hạng", "Ranking")}</h2>
            <p class="basis">{move || if official() {
                lang().t(
                    "Xếp hạng chính thức, như cơ quan công bố đã in.",
                    "The official ranking, as printed by the publisher.",
                )
            } else {
                lang().t(
                    "Xếp hạng tính lại theo trọng số đang chọn.",
                    "Re-ranked under the weights chosen.",
                )
            }}</p>
            <table class="rank-table">
                <caption class="sr-only">{move || lang().t("Bảng xếp hạng", "Ranking table")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || lang().t("Hạng", "Rank")}</th>
                        <th scope="col">{move || lang().t("Đơn vị", "Unit")}</th>
                        <th scope="col">{move || lang().t("Chỉ số", "Index")}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || rows.get().unwrap_or_default().into_iter().map(|r| {
                        let l = lang();
                        let p = precision();
                        view! {
                            <tr data-unit=r.id.clone()>
                                <td class="rank">{r.rank.map(|x| x.to_string()).unwrap_or_else(|| "—".into())}</td>
                                <th scope="row" class="unit">{r.name.clone()}</th>
                                <td class="score num">{r.score.map(|s| l.num(s, p)).unwrap_or_else(|| "—".into())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
