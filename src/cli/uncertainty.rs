//! `xephang uncertainty FILE --group G [--weights …] --samples N --noise P --seed S
//! [--method uniform|dirichlet] [--concentration C]`: how much each unit's rank depends on the
//! weights (Monte Carlo over weights, see [`crate::engine::uncertainty`]).
//!
//! Prints CSV `id,name,rank,median_rank,p05,p95,share_first`, one row per unit in the order of
//! the ranking under the chosen weights (`rank`), units not ranked last with empty fields.
//! `--noise P` is the uniform ±P % perturbation of each weight; `--method dirichlet` draws
//! Dirichlet weights around the chosen ones with `--concentration C` instead.

use super::lang::{self, tr};
use super::rank::{open, parse_aggregation, parse_missing, string};
use crate::engine::score::{self, Options};
use crate::engine::uncertainty::{self as mc, Noise, Settings};
use lexopt::prelude::*;
use std::ffi::OsString;
use std::io::Write;

const USAGE_VI: &str = "cách dùng: xephang uncertainty TỆP [--group NHÓM] [--weights id=w,…]
                    [--samples N (10000)] [--noise P (25, phần trăm)] [--seed S (1)]
                    [--method uniform|dirichlet] [--concentration C (50, dirichlet)]
                    [--missing exclude|renormalize] [--aggregation arithmetic|geometric]";

const USAGE_EN: &str = "usage: xephang uncertainty FILE [--group G] [--weights id=w,…]
                    [--samples N (10000)] [--noise P (25, percent)] [--seed S (1)]
                    [--method uniform|dirichlet] [--concentration C (50, dirichlet)]
                    [--missing exclude|renormalize] [--aggregation arithmetic|geometric]";

fn usage() -> &'static str {
    lang::pick(USAGE_VI, USAGE_EN)
}

pub fn run(args: Vec<OsString>) -> i32 {
    match run_inner(args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("xephang uncertainty: {msg}\n{}", usage());
            2
        }
    }
}

fn number<T: std::str::FromStr>(parser: &mut lexopt::Parser, name: &str) -> Result<T, String> {
    let s = string(parser)?;
    s.trim().parse().map_err(|_| {
        tr!(
            "--{name} {s:?} không phải một số hợp lệ",
            "--{name} {s:?} is not a valid number"
        )
    })
}

fn run_inner(args: Vec<OsString>) -> Result<i32, String> {
    let mut file = None;
    let mut group = None;
    let mut weights: Option<String> = None;
    let mut options = Options::default();
    let mut samples: u32 = 10_000;
    let mut noise: f64 = 25.0;
    let mut seed: u64 = 1;
    let mut dirichlet = false;
    let mut concentration: f64 = 50.0;
    let mut parser = lexopt::Parser::from_args(args);
    while let Some(arg) = parser.next().map_err(lang::arg_error)? {
        match arg {
            Long("group") | Short('g') => group = Some(string(&mut parser)?),
            Long("weights") | Short('w') => weights = Some(string(&mut parser)?),
            Long("samples") | Short('n') => samples = number(&mut parser, "samples")?,
            Long("noise") => noise = number(&mut parser, "noise")?,
            Long("seed") => seed = number(&mut parser, "seed")?,
            Long("concentration") => concentration = number(&mut parser, "concentration")?,
            Long("method") => {
                dirichlet = match string(&mut parser)?.as_str() {
                    "uniform" => false,
                    "dirichlet" => true,
                    other => {
                        return Err(tr!(
                            "--method {other:?}: cần uniform hoặc dirichlet",
                            "--method {other:?}: expected uniform or dirichlet"
                        ))
                    }
                }
            }
            Long("missing") => options.missing = parse_missing(&string(&mut parser)?)?,
            Long("aggregation") => options.aggregation = parse_aggregation(&string(&mut parser)?)?,
            Long("help") | Short('h') => {
                println!("{}", usage());
                return Ok(0);
            }
            Value(v) if file.is_none() => file = Some(v),
            _ => return Err(lang::arg_error(arg.unexpected())),
        }
    }
    let (ds, group, w) = match open(file, group, weights.as_deref())? {
        Ok(opened) => opened,
        Err(code) => return Ok(code),
    };
    let settings = Settings {
        noise: if dirichlet {
            Noise::Dirichlet { concentration }
        } else {
            Noise::Uniform { percent: noise }
        },
        samples,
        seed,
        options,
    };
    // Settings out of range (noise, samples, concentration) are bad arguments: exit 2.
    let result =
        mc::run(&ds, &group, &w, settings).map_err(|p| format!("--{}", lang::problem(&p)))?;
    let ranking = score::rank_group(&ds, &group, &w, options).map_err(|p| lang::problem(&p))?;
    let mut order: Vec<usize> = ranking.ranked.iter().map(|r| r.unit).collect();
    order.extend(ranking.not_ranked.iter().map(|r| r.unit));
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut rows = vec![vec![
        "id".to_string(),
        "name".into(),
        "rank".into(),
        "median_rank".into(),
        "p05".into(),
        "p95".into(),
        "share_first".into(),
    ]];
    let opt = |x: Option<u32>| x.map(|x| x.to_string()).unwrap_or_default();
    for unit in order {
        let Some(u) = result.units.iter().find(|u| u.unit == unit) else {
            continue;
        };
        let ranked = u.ranked_samples > 0;
        rows.push(vec![
            ds.units[unit].id.clone(),
            ds.units[unit].name.clone(),
            opt(ranking.rank_of(unit)),
            opt(u.median_rank),
            opt(u.p05),
            opt(u.p95),
            if ranked {
                format!("{:.4}", u.share_first)
            } else {
                String::new()
            },
        ]);
    }
    for row in rows {
        out.write_record(&row).map_err(|e| e.to_string())?;
    }
    let bytes = out.into_inner().map_err(|e| e.to_string())?;
    let _ = std::io::stdout().lock().write_all(&bytes);
    Ok(0)
}
