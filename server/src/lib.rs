//! Tandem's running system: implements the app's ports with SurrealDB, argon2 and friends.
#![recursion_limit = "256"]

pub mod auth;
pub mod cli;
pub mod clock;
pub mod cluster;
pub mod config;
pub mod db;
pub mod drain;
pub mod http;
pub mod jobs;
pub mod mail;
pub mod media;
pub mod payments;
pub mod practice;
pub mod rooms;
pub mod sfu;
pub mod startup;
pub mod telemetry;
pub mod turn;
