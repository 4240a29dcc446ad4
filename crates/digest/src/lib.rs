#![doc = include_str!("../README.md")]

pub mod catalogue;
mod error;
pub mod feed;
#[cfg(feature = "fetch")]
pub mod fetch;
pub mod rotation;
pub mod schedule;

pub use catalogue::{Catalogue, Item, KNOWN_TAGS};
pub use error::Error;
pub use feed::{FeedItem, parse_feed};
pub use rotation::{Pick, pick};
pub use schedule::{due_day, next_post, parse_hhmm, parse_tz, post_instant};
