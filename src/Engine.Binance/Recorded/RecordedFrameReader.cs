using Engine.Binance.Json;
using Engine.Binance.Sources;
using Engine.Model;

namespace Engine.Binance.Recorded;

/// <summary>
/// Replays recorded WebSocket frames, one per line, through <see cref="TradeFrameParser"/>: trades and mark prices
/// become events, other frames are skipped. Two line forms:
/// hftbacktest <c>&lt;local_ns&gt; &lt;json&gt;</c> and cryptofeed <c>&lt;epoch_seconds&gt;: &lt;json&gt;</c>.
/// Lines that do not start with a digit (capture headers: URL, configuration, REST snapshot requests) are skipped.
/// The recorded local receive time, in ns since the epoch, becomes <see cref="EngineEvent.ReceivedTimestamp"/> (the
/// capture's latency origin; a replay that measures its own latency overwrites it) and <see cref="LastRecordedNs"/>.
/// </summary>
public sealed class RecordedFrameReader : IEventSource
{
    private readonly LineReader _lines;

    public RecordedFrameReader(LineReader lines, SymbolRegistry symbols)
    {
        ArgumentNullException.ThrowIfNull(lines);
        _lines = lines;
        Parser = new TradeFrameParser(symbols);
    }

    public SourceStats Stats { get; } = new();

    /// <summary>The parser, whose stats name the reason of every refused frame.</summary>
    public TradeFrameParser Parser { get; }

    /// <summary>Recorded receive time of the last line read, ns since the Unix epoch.</summary>
    public long LastRecordedNs { get; private set; }

    public static RecordedFrameReader Open(string path, SymbolRegistry symbols) => new(LineReader.Open(path), symbols);

    public bool TryReadNext(ref EngineEvent slot)
    {
        while (_lines.TryReadLine(out ReadOnlySpan<byte> line, out bool tooLong))
        {
            Stats.Lines++;
            if (tooLong)
            {
                Stats.Fail(LineFailure.LineTooLong, _lines.LineNumber);
                continue;
            }

            if (line.IsEmpty || (uint)(line[0] - '0') > 9)
            {
                Stats.Skipped++;
                continue;
            }

            if (!RecordedLine.TrySplit(line, out long recordedNs, out ReadOnlySpan<byte> json))
            {
                Stats.Fail(LineFailure.BadPrefix, _lines.LineNumber);
                continue;
            }

            LastRecordedNs = recordedNs;
            FrameParseResult result = Parser.TryParse(json, ref slot);
            if (result.IsEvent())
            {
                slot.ReceivedTimestamp = recordedNs;
                Stats.Events++;
                return true;
            }

            if (result.IsSkipped())
            {
                Stats.Skipped++;
            }
            else if (result == FrameParseResult.UnknownSymbol)
            {
                Stats.Fail(LineFailure.UnknownSymbol, _lines.LineNumber); // a valid frame of a symbol this run does not trade
            }
            else
            {
                Stats.Fail(LineFailure.BadFrame, _lines.LineNumber);
            }
        }

        return false;
    }

    public void Dispose() => _lines.Dispose();
}
