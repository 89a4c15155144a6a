//! A professional's services: what they offer clients. Only professionals, each only their own.

mod create_service;
mod my_services;

pub use create_service::{CreateService, create_service};
pub use my_services::{MyServices, my_services};
