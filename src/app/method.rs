//! The methodology page, in both languages: what the indices are, how the official overall index
//! is formed (and where that is unknown), how re-weighting, uncertainty and dominance work, and
//! the coverage, sources and weight basis of the dataset shown.

use super::i18n::Lang;
use super::state::use_app;
use crate::engine::dataset::WeightBasis;
use leptos::prelude::*;

fn p(l: Lang, vi: &'static str, en: &'static str) -> impl IntoView {
    view! { <p>{l.t(vi, en)}</p> }
}

#[component]
pub fn MethodView() -> impl IntoView {
    let app = use_app();
    move || {
        let l = app.lang();
        view! {
            <article class="method" aria-labelledby="method-h">
                <h2 id="method-h">{l.t("Phương pháp", "Methodology")}</h2>

                <h3>{l.t("Các bảng xếp hạng", "The rankings")}</h3>
                {p(l,
                    "Từ 2016 đến 2019, Bộ Thông tin và Truyền thông công bố Báo cáo xếp hạng mức độ ứng dụng công nghệ thông tin (CNTT) của các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ và các tỉnh, thành phố trực thuộc Trung ương. Mỗi đơn vị được chấm ở sáu nhóm chỉ số thành phần: hạ tầng kỹ thuật CNTT, ứng dụng CNTT trong nội bộ cơ quan, cổng/trang thông tin điện tử, dịch vụ công trực tuyến, cơ chế, chính sách và quy định cho ứng dụng CNTT, và nhân lực CNTT. Từ 2017 một chỉ số tổng hợp quyết định thứ hạng chung; các trang chúng tôi đọc cho thấy báo cáo năm 2016 không xếp hạng tổng thể, chỉ xếp hạng từng nhóm.",
                    "From 2016 to 2019 the Ministry of Information and Communications (MIC) published a ranking of IT application by ministries, ministry-level and government agencies, and provinces. Each body is scored in six categories: technical IT infrastructure, IT use inside the body, the web portal, online public services, IT policies and rules, and IT human resources. From 2017 an overall index decides the overall rank; the pages we read show that the 2016 report gave no overall rank, only a rank per category.")}
                {p(l,
                    "Từ năm 2020, Chỉ số chuyển đổi số (DTI) thay thế bảng xếp hạng này. DTI chia thành các trụ cột (chỉ số chính), mỗi trụ cột có số điểm tối đa trên tổng 1.000: năm 2020 là ba trụ cột: chính quyền số (400 điểm), kinh tế số và xã hội số (300 điểm mỗi trụ cột); từ 2021 đến 2023 là chín chỉ số chính, tám trong đó được tính điểm (đô thị thông minh thì không): nhận thức số, thể chế số, hạ tầng số, nhân lực số, an toàn thông tin mạng, hoạt động chính quyền số, kinh tế số và xã hội số; DTI 2024 cấp tỉnh gồm tám chỉ số chính ấy. DTI cấp bộ có các chỉ số chính riêng (sáu chỉ số); không tìm thấy điểm chỉ số chính nào của các bộ, nên với các bộ chỉ có chỉ số tổng hợp và thứ hạng.",
                    "From 2020 the Digital Transformation Index (DTI) replaced it. The DTI is split into pillars (main indices), each with a maximum number of points out of 1,000: in 2020 three pillars: digital government (400 points), digital economy and digital society (300 points each); from 2021 to 2023 nine main indices, eight of them scored (smart cities is not): digital awareness, institutions, infrastructure, human resources, cyber security, and digital government, economy and society activity; the provincial DTI 2024 has those eight main indices. The ministries' DTI has main indices of its own (six); no ministry's main-index scores were found, so for ministries only the overall index and rank are shown.")}

                <h3>{l.t("Chỉ số tổng hợp chính thức được tính thế nào", "How the official overall index is formed")}</h3>
                {p(l,
                    "MIC 2016–2019: các báo cáo mà chúng tôi đọc được không công bố trọng số của sáu nhóm chỉ số thành phần. Vì vậy chúng tôi không tái tạo chỉ số tổng hợp: ứng dụng hiển thị chỉ số và thứ hạng như đã in, và khi tính lại thì mặc định trọng số bằng nhau — đây là lựa chọn của chúng tôi, không phải phương pháp chính thức.",
                    "MIC 2016–2019: the reports we could read do not publish the weights of the six categories. So we do not reproduce the overall index: the app shows the index and rank as printed, and when re-weighting it starts from equal weights — our choice, not the official method.")}
                {p(l,
                    "DTI: chỉ số tổng hợp là trung bình các chỉ số chính (mỗi chỉ số quy về 0–1) có trọng số bằng số điểm tối đa của chỉ số đó. Trọng số mặc định là số điểm tối đa khi nguồn có nêu. DTI 2021–2023: bản trích Quyết định 922/QĐ-BTTTT mà chúng tôi đọc bị cắt trước dòng hoạt động xã hội số, nên 150 điểm của chỉ số đó là phần còn lại của tổng 1.000, không phải số in; với năm 2022 và 2023 trung bình có trọng số này tái tạo DTI công bố của mọi dòng đầy đủ trong phạm vi 0,0001, với năm 2021 không có dòng đầy đủ nào để kiểm tra.",
                    "DTI: the overall index is the mean of the main indices (each on 0–1) weighted by each index's maximum points. The default weights are those maximum points where a source states them. DTI 2021–2023: the excerpt of Quyết định 922/QĐ-BTTTT we read is cut before the digital society activity row, so that index's 150 points are the remainder of the 1,000 total, not a printed figure; for 2022 and 2023 this weighted mean reproduces the published DTI of every complete row within 0.0001, for 2021 no complete row exists to check it.")}
                {p(l,
                    "DTI 2024, 34 tỉnh sau sắp xếp: không nguồn nào chúng tôi đọc nêu điểm tối đa. Trọng số được suy ra bằng bình phương tối thiểu trên 34 dòng đầy đủ; trung bình có trọng số đó tái tạo cả 34 giá trị DTI công bố trong phạm vi 0,0001. Đây là trọng số suy ra, không phải số chính thức.",
                    "DTI 2024, the 34 provinces after the merger: no source we read states the maximum points. The weights were inferred by least squares on the 34 complete rows; that weighted mean reproduces all 34 published DTI values within 0.0001. They are inferred, not official.")}

                <h3>{l.t("Tính lại thứ hạng theo trọng số của bạn", "Re-weighting")}</h3>
                <ol>
                    <li>{l.t("Chuẩn hoá: mỗi chỉ số thành phần là một giá trị 0–1 như cơ quan công bố (cao hơn là tốt hơn); trọng số được chia cho tổng để cộng lại bằng 1.",
                        "Normalise: each category is a 0–1 value as published (higher is better); the weights are divided by their sum so they add up to 1.")}</li>
                    <li>{l.t("Gán trọng số và tổng hợp: trung bình cộng có trọng số (như phương pháp chính thức), hoặc tuỳ chọn trung bình nhân có trọng số, để một chỉ số yếu không được bù hoàn toàn bằng một chỉ số mạnh (một giá trị 0 cho điểm 0).",
                        "Weight and aggregate: the weighted arithmetic mean (the official method), or optionally the weighted geometric mean, so that a weak category cannot be fully made up by a strong one (a zero gives a score of zero).")}</li>
                    <li>{l.t("Xếp hạng: điểm được làm tròn theo số chữ số thập phân mà cơ quan công bố dùng, rồi xếp hạng kiểu thi đấu (1, 2, 2, 4): các điểm in giống nhau thì đồng hạng, như trong bảng chính thức.",
                        "Rank: scores are rounded at the publisher's printed precision, then ranked by standard competition ranking (1, 2, 2, 4): scores printed alike share a rank, as in the official tables.")}</li>
                    <li>{l.t("Thiếu số liệu: mặc định, đơn vị thiếu một chỉ số có trọng số thì không được xếp hạng và được liệt kê riêng cùng lý do; tuỳ chọn khác là chia lại trọng số trên các chỉ số mà đơn vị có.",
                        "Missing data: by default a unit lacking a weighted category is not ranked and is listed apart with the reason; the other option renormalises the weights over the categories it has.")}</li>
                </ol>

                <h3>{l.t("Độ bất định và quan hệ trội", "Uncertainty and dominance")}</h3>
                {p(l,
                    "Mô phỏng Monte Carlo rút nhiều bộ trọng số quanh trọng số đang chọn (mỗi trọng số ± p %, hoặc phân phối Dirichlet có trung bình là trọng số đang chọn), xếp hạng lại với mỗi bộ, và báo cáo hạng trung vị và khoảng 5–95 % của mỗi đơn vị, theo thực hành chỉ số tổng hợp của JRC/OECD. Hạt giống cố định nên kết quả lặp lại được.",
                    "A Monte Carlo simulation draws many weight vectors around the chosen weights (each weight ± p%, or a Dirichlet distribution whose mean is the chosen weights), re-ranks with each, and reports each unit's median rank and 5–95% interval, after JRC/OECD composite-indicator practice. The seed is fixed, so results can be reproduced.")}
                {p(l,
                    "Một đơn vị bị trội bởi đơn vị khác khi đơn vị kia không kém ở mọi chỉ số và hơn ở ít nhất một: không bộ trọng số nào đảo được thứ tự đó (kết luận chính xác). “Có thể đứng đầu” (một mình, hay chỉ đồng hạng nhất) được tìm bằng quy hoạch tuyến tính và kiểm tra lại; “hạng tốt nhất có thể” là số chính xác khi hai cận trùng nhau, nếu không là một khoảng.",
                    "A unit is dominated by another when the other is at least as good in every category and better in one: no weighting reverses that order (exact). “Can rank first” (alone, or only in a tie) is found by linear programming and checked; “best possible rank” is exact when its two bounds meet, otherwise a range.")}

                <DatasetFacts/>
            </article>
        }
    }
}

/// Coverage, sources and weight basis of the dataset shown.
#[component]
fn DatasetFacts() -> impl IntoView {
    let app = use_app();
    move || {
        let l = app.lang();
        let Some(ds) = app.dataset() else {
            return ().into_any();
        };
        let coverage = ds
            .compute_coverage()
            .into_iter()
            .map(|c| {
                let gname = ds
                    .group(&c.group)
                    .map(|g| l.pick(&g.name).to_string())
                    .unwrap_or_else(|| c.group.clone());
                let evaluated = c
                    .units_evaluated
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| l.t("không rõ", "unknown").to_string());
                view! {
                    <tr>
                        <th scope="row">{gname}</th>
                        <td class="num">{c.units_listed.to_string()}</td>
                        <td class="num">{evaluated}</td>
                        <td class="num">{c.with_index.to_string()}</td>
                        <td class="num">{c.with_rank.to_string()}</td>
                        <td class="num">{c.complete.to_string()}</td>
                    </tr>
                }
            })
            .collect_view();
        let basis = match ds.weight_basis {
            WeightBasis::Official => l.t(
                "Chính thức: một nguồn nêu trọng số (với DTI: điểm tối đa của mỗi chỉ số chính).",
                "Official: a source states the weights (for the DTI: each pillar's maximum points).",
            ),
            WeightBasis::Inferred => l.t(
                "Suy ra từ số liệu công bố, không phải số chính thức (xem ghi chú).",
                "Inferred from published figures, not official (see the note).",
            ),
            WeightBasis::Unknown => l.t(
                "Không rõ: không nguồn nào nêu trọng số; mặc định là trọng số bằng nhau.",
                "Unknown: no source states the weights; equal weights are the default.",
            ),
        };
        let weights = ds
            .categories
            .iter()
            .map(|c| {
                let w = c
                    .weight
                    .map(|w| l.num(w, if w.fract() == 0.0 { 0 } else { 2 }))
                    .unwrap_or_else(|| "—".into());
                let mp = c
                    .max_points
                    .map(|w| l.num(w, if w.fract() == 0.0 { 0 } else { 2 }))
                    .unwrap_or_else(|| "—".into());
                view! {
                    <tr>
                        <th scope="row">{l.pick(&c.name).to_string()}</th>
                        <td class="num">{w}</td>
                        <td class="num">{mp}</td>
                    </tr>
                }
            })
            .collect_view();
        let sources = ds
            .sources
            .iter()
            .map(|s| {
                let href = if s.url.starts_with("https://") || s.url.starts_with("http://") {
                    s.url.clone()
                } else {
                    String::new()
                };
                view! { <li><a href=href rel="noopener noreferrer" target="_blank">{l.source_title(&s.title)}</a></li> }
            })
            .collect_view();
        let title = l.pick(&ds.title).to_string();
        let note = ds.weight_note.as_ref().map(|n| l.pick(n).to_string());
        let notes = ds.notes.as_ref().map(|n| l.pick(n).to_string());
        let publisher = l.pick(&ds.publisher).to_string();
        view! {
            <section class="dataset-facts" aria-labelledby="facts-h">
                <h3 id="facts-h">{format!("{}: {title}", l.t("Bộ dữ liệu đang xem", "The dataset shown"))}</h3>
                <p>{format!("{}: {publisher} · {}: {} · {}: {}", l.t("Cơ quan công bố", "Publisher"),
                    l.t("kỳ", "edition"), ds.edition, l.t("độ chính xác", "precision"),
                    l.t(&format!("{} chữ số thập phân", ds.precision), &format!("{} decimals", ds.precision)))}</p>
                {notes.map(|n| view! { <p class="ds-notes">{n}</p> })}
                <table class="data-table coverage-table" tabindex="0">
                    <caption>{l.t("Độ phủ số liệu theo nhóm", "Data coverage per group")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{l.t("Nhóm", "Group")}</th>
                            <th scope="col">{l.t("Đơn vị trong tệp", "Units in the file")}</th>
                            <th scope="col">{l.t("Đơn vị được đánh giá", "Units evaluated")}</th>
                            <th scope="col">{l.t("Có chỉ số tổng hợp", "With an overall index")}</th>
                            <th scope="col">{l.t("Có thứ hạng", "With a rank")}</th>
                            <th scope="col">{l.t("Đủ mọi chỉ số thành phần", "With every category")}</th>
                        </tr>
                    </thead>
                    <tbody>{coverage}</tbody>
                </table>
                <h4>{l.t("Cơ sở của trọng số", "Weight basis")}</h4>
                <p class="weight-basis">{basis}</p>
                {note.map(|n| view! { <p class="weight-note">{n}</p> })}
                <table class="data-table weights-table">
                    <caption>{l.t("Trọng số và điểm tối đa trong tệp", "Weights and maximum points in the file")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{l.t("Chỉ số thành phần", "Category")}</th>
                            <th scope="col">{l.t("Trọng số", "Weight")}</th>
                            <th scope="col">{l.t("Điểm tối đa", "Maximum points")}</th>
                        </tr>
                    </thead>
                    <tbody>{weights}</tbody>
                </table>
                <h4>{l.t("Nguồn", "Sources")}</h4>
                <ul class="sources">{sources}</ul>
            </section>
        }
        .into_any()
    }
}
