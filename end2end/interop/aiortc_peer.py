"""A participant made with aiortc (a WebRTC stack in Python, not ours and not str0m) joining a
booking's video room the way other stacks do: one sendrecv line for audio and one for video,
offered to /api/join_room with the signed-in person's session cookie. It sends aiortc's test
picture and silence, decodes what arrives, and prints one JSON line:

    {"state": "connected", "video_frames": 123, "audio_frames": 456, "width": 640}

Usage: python3 aiortc_peer.py BASE_URL SESSION_COOKIE BOOKING_ID SECONDS
"""

import asyncio
import json
import sys
import urllib.parse
import urllib.request

from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import AudioStreamTrack, MediaStreamError, VideoStreamTrack


def join_room(base: str, cookie: str, booking: str, offer: str) -> str:
    """POSTs the offer as the app's page does; the SFU's answer."""
    body = urllib.parse.urlencode({"id": booking, "offer": offer}).encode()
    request = urllib.request.Request(
        f"{base}/api/join_room",
        data=body,
        headers={
            "content-type": "application/x-www-form-urlencoded",
            "origin": base,
            "cookie": cookie,
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


async def count_frames(track, counts: dict, kind: str) -> None:
    while True:
        try:
            frame = await track.recv()
        except MediaStreamError:
            return
        counts[kind] += 1
        if kind == "video":
            counts["width"] = frame.width


async def main(base: str, cookie: str, booking: str, seconds: float) -> dict:
    pc = RTCPeerConnection()
    counts = {"video": 0, "audio": 0, "width": 0}
    readers = []

    @pc.on("track")
    def on_track(track):
        readers.append(asyncio.ensure_future(count_frames(track, counts, track.kind)))

    # addTrack makes a sendrecv transceiver for each: the shape under test
    pc.addTrack(AudioStreamTrack())
    pc.addTrack(VideoStreamTrack())
    await pc.setLocalDescription(await pc.createOffer())
    offer = pc.localDescription.sdp
    assert offer.count("a=sendrecv") == 2, offer
    answer = await asyncio.get_running_loop().run_in_executor(
        None, join_room, base, cookie, booking, offer
    )
    await pc.setRemoteDescription(RTCSessionDescription(sdp=answer, type="answer"))
    await asyncio.sleep(seconds)
    state = pc.connectionState
    for reader in readers:
        reader.cancel()
    await pc.close()
    return {
        "state": state,
        "video_frames": counts["video"],
        "audio_frames": counts["audio"],
        "width": counts["width"],
    }


if __name__ == "__main__":
    base, cookie, booking, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    print(json.dumps(asyncio.run(main(base, cookie, booking, seconds))), flush=True)
