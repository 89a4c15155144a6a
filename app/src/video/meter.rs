//! The live microphone level on the check page: an analyser on the microphone's track.

use web_sys::{AnalyserNode, AudioContext, MediaStream};

pub struct Meter {
    context: AudioContext,
    analyser: AnalyserNode,
    samples: Vec<f32>,
}

impl Meter {
    pub fn new(stream: &MediaStream) -> Option<Self> {
        if stream.get_audio_tracks().length() == 0 {
            return None;
        }
        let context = AudioContext::new().ok()?;
        let source = context.create_media_stream_source(stream).ok()?;
        let analyser = context.create_analyser().ok()?;
        analyser.set_fft_size(1024);
        source.connect_with_audio_node(&analyser).ok()?;
        // a context made before any click may start suspended
        let _ = context.resume();
        Some(Self {
            samples: vec![0.0; analyser.fft_size() as usize],
            context,
            analyser,
        })
    }

    /// Loudness now, 0 to 100: the RMS of the last window, on a scale that makes speech fill
    /// most of the bar.
    pub fn level(&mut self) -> u32 {
        self.analyser.get_float_time_domain_data(&mut self.samples);
        let n = self.samples.len().max(1) as f32;
        let rms = (self.samples.iter().map(|s| s * s).sum::<f32>() / n).sqrt();
        ((rms * 400.0).min(100.0)) as u32
    }
}

impl Drop for Meter {
    fn drop(&mut self) {
        let _ = self.context.close();
    }
}
