//! A client of the [Canada Holidays API](https://canada-holidays.ca/api), generated at
//! build time from its published OpenAPI document (`spec/canada-holidays.json`).
//!
//! ```no_run
//! use canada_holidays::types::{ProvinceParams, ProvinceProvinceId};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = canada_holidays::Client::builder().build()?; // https://canada-holidays.ca
//! let params = ProvinceParams { year: Some(2026), ..Default::default() };
//! let province = client.province(ProvinceProvinceId::Qc, &params).await?.into_inner();
//! if let Some(next) = province.province.and_then(|p| p.next_holiday) {
//!     println!("next in Quebec: {} on {}", next.name_en, next.observed_date);
//! }
//! # Ok(())
//! # }
//! ```

include!(concat!(env!("OUT_DIR"), "/api.rs"));
