from engine.stops import StopMatcher


def feed_all(matcher: StopMatcher, pieces: list[str]) -> tuple[str, bool]:
    out = []
    for piece in pieces:
        text, hit = matcher.feed(piece)
        out.append(text)
        if hit:
            return "".join(out), True
    out.append(matcher.flush())
    return "".join(out), False


def test_stop_matcher_without_stops_passes_text_through() -> None:
    m = StopMatcher([])
    assert m.feed("abc") == ("abc", False)


def test_stop_matcher_stop_split_across_pieces_is_never_shown() -> None:
    m = StopMatcher(["END"])
    assert m.feed("hello E") == ("hello ", False)
    assert m.feed("N") == ("", False)
    assert m.feed("D and more") == ("", True)


def test_stop_matcher_false_prefix_is_released_when_it_cannot_match() -> None:
    m = StopMatcher(["END"])
    assert m.feed("hello EN") == ("hello ", False)
    assert m.feed("X") == ("ENX", False)


def test_stop_matcher_earliest_of_several_stops_wins() -> None:
    assert feed_all(StopMatcher(["world", "lo"]), ["hel", "lo world"]) == ("hel", True)


def test_stop_matcher_held_tail_is_flushed_at_end() -> None:
    assert feed_all(StopMatcher(["###"]), ["a #", "#"]) == ("a ##", False)


def test_stop_matcher_reassembled_text_equals_input_when_no_stop() -> None:
    pieces = ["The", " s", "to", "p", " sign", " st"]
    assert feed_all(StopMatcher(["stop!"]), pieces) == ("".join(pieces), False)
