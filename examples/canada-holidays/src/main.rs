//! Prints the next holiday of a province or territory (`QC`, `ON`...), or without an
//! argument the year's holidays across Canada.
//!
//! ```text
//! cargo run -p canada-holidays -- QC
//! ```
//!
//! `CANADA_HOLIDAYS_BASE_URL` sends the calls to another server than the document's.

use std::process::ExitCode;

use canada_holidays::types::{HolidaysParams, ProvinceParams, ProvinceProvinceId};
use canada_holidays::Client;

#[tokio::main]
async fn main() -> ExitCode {
    let mut builder = Client::builder();
    if let Ok(base_url) = std::env::var("CANADA_HOLIDAYS_BASE_URL") {
        builder = builder.base_url(base_url);
    }
    let client = match builder.build() {
        Ok(client) => client,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let Some(code) = std::env::args().nth(1) else {
        return match client.holidays(&HolidaysParams::default()).await {
            Ok(response) => {
                for holiday in response.into_inner().holidays.unwrap_or_default() {
                    println!("{}  {}", holiday.observed_date, holiday.name_en);
                }
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::FAILURE
            }
        };
    };
    let id = ProvinceProvinceId::from(code.to_ascii_uppercase().as_str());
    if let ProvinceProvinceId::Other(code) = &id {
        eprintln!("error: `{code}` is not a province or territory code");
        return ExitCode::from(2);
    }
    match client.province(id, &ProvinceParams::default()).await {
        Ok(response) => match response.into_inner().province.and_then(|p| p.next_holiday) {
            Some(holiday) => {
                println!(
                    "{} ({}), observed {}",
                    holiday.name_en, holiday.name_fr, holiday.observed_date
                );
                ExitCode::SUCCESS
            }
            None => {
                println!("no holiday listed");
                ExitCode::SUCCESS
            }
        },
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
