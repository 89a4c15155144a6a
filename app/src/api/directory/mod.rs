//! A professional's public profile: what clients see of them.

mod my_first_steps;
mod my_public_profile;
mod save_public_profile;

pub use my_first_steps::{MyFirstSteps, my_first_steps};
pub use my_public_profile::{MyPublicProfile, my_public_profile};
pub use save_public_profile::{SavePublicProfile, save_public_profile};
