//! Starts Tandem with settings from the environment.

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    server::telemetry::init();
    let config = server::config::Config::from_env()?;
    let running = server::startup::spawn(config).await?;
    tracing::info!("Tandem is running at http://{}", running.addr);
    running.until_shutdown_signal().await?;
    Ok(())
}
