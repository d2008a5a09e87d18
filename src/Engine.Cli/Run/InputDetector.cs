using Engine.Binance.Archives;
using Engine.Binance.Recorded;
using Engine.Binance.Recording;
using Engine.Binance.Sources;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Cli.Run;

/// <summary>
/// Recognises an input file by its content (first bytes or first line), and opens it as an input feed. A missing or
/// unrecognisable file is bad input (<see cref="InvalidDataException"/> / <see cref="FileNotFoundException"/>).
/// </summary>
public static class InputDetector
{
    public static InputKind Detect(string path)
    {
        try
        {
            return DetectKind(path);
        }
        catch (InvalidDataException e) when (!e.Message.Contains(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: {e.Message}", e); // e.g. a .gz that is no gzip: .NET's message names no file
        }
    }

    private static InputKind DetectKind(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such input file", path);
        }

        Span<byte> magic = stackalloc byte[8];
        using (FileStream raw = File.OpenRead(path))
        {
            if (raw.ReadAtLeast(magic, 8, throwOnEndOfStream: false) == 8 && magic.SequenceEqual(RecordingLayout.Magic))
            {
                raw.Position = 0;
                using var header = new RecordingReader(raw, name: path); // version, header and symbol table checked before anything runs
                return InputKind.Recording;
            }

            if (magic.SequenceEqual(EventLog.EventJournalLayout.Magic))
            {
                using var journal = EventLog.EventJournalReader.Open(path); // header and layout checked; a damaged tail is played up to the damage and reported
                return InputKind.EventJournal;
            }
        }

        using LineReader lines = LineReader.Open(path);
        if (!lines.TryReadLine(out ReadOnlySpan<byte> first, out _))
        {
            throw new InvalidDataException($"{path}: empty input");
        }

        if (first.StartsWith("Timestamp,Trades"u8))
        {
            return InputKind.AggregatedCsv;
        }

        int space = first.IndexOf((byte)' ');
        if (space > 0 && IsDigits(first[..space]) && space + 1 < first.Length && first[space + 1] == (byte)'{')
        {
            return InputKind.RecordedFrames;
        }

        if (first.IndexOf((byte)',') > 0)
        {
            // A comma alone is no trade CSV (half of all random files have one in their first line): the header, or the
            // kind a headerless file's name gives, must fit a known layout, or the run would read nothing and succeed.
            using TradeCsvReader probe = TradeCsvReader.Open(path, new SymbolRegistry());
            if (probe.TryDetectLayout())
            {
                return InputKind.TradeCsv;
            }

            throw new InvalidDataException($"{path}: not a recognised input: its first line is no trade CSV header of a known layout (and its name does not say trades or aggTrades for a headerless file)");
        }

        throw new InvalidDataException($"{path}: not a recognised input (trade CSV, recorded frames, aggregated.csv, ENGREC01 recording or ENGEVJ01 event journal)");
    }

    /// <summary>
    /// Opens one pass of <paramref name="path"/>; a recording plays <paramref name="repeat"/> passes itself. With
    /// <paramref name="symbolGiven"/> (<c>--symbol</c>), a trade CSV holds the configured symbol whatever its file name says.
    /// </summary>
    public static IInputFeed Open(string path, InputKind kind, SymbolRegistry registry, SymbolId configuredSymbol, long intervalMs, int repeat = 1, bool symbolGiven = false) => kind switch
    {
        InputKind.Recording => RecordingFeed.Open(path, registry, repeat),
        InputKind.EventJournal => EventLog.EventJournalFeed.Open(path, registry),
        InputKind.RecordedFrames => RecordedFrameReader.Open(path, registry),
        InputKind.AggregatedCsv => AggregatedCsvReader.Open(path, configuredSymbol, intervalMs),
        _ => TradeCsvReader.Open(path, registry, symbolGiven ? configuredSymbol : SymbolOfFile(path, registry, configuredSymbol)),
    };

    /// <summary>
    /// Every symbol <paramref name="inputs"/> name (recording symbol tables, data.binance.vision file name prefixes),
    /// after <paramref name="configuredSymbol"/> (id 0): the registry that keeps all of them, as convert and sim do.
    /// </summary>
    public static SymbolRegistry SymbolsOf(IReadOnlyList<ReplayInput> inputs, string configuredSymbol, bool symbolGiven)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var registry = new SymbolRegistry([configuredSymbol]);
        foreach (ReplayInput input in inputs)
        {
            if (input.Kind == InputKind.Recording)
            {
                using RecordingFeed feed = RecordingFeed.Open(input.Path, registry);
                foreach (string s in feed.Reader.Symbols)
                {
                    registry.Add(s);
                }
            }
            else if (input.Kind == InputKind.EventJournal)
            {
                using EventLog.EventJournalReader journal = EventLog.EventJournalReader.Open(input.Path);
                foreach (string s in journal.Symbols)
                {
                    registry.Add(s);
                }
            }
            else if (!symbolGiven && SymbolNameOfFile(input.Path) is string named)
            {
                registry.Add(named);
            }
        }

        return registry;
    }

    /// <summary>
    /// The symbol of a file without a symbol column: named by a data.binance.vision style prefix (<c>ETHUSDT-trades…</c>),
    /// which is unknown (its trades counted, not traded) when not configured; the configured symbol otherwise.
    /// </summary>
    public static SymbolId SymbolOfFile(string path, SymbolRegistry registry, SymbolId configuredSymbol)
    {
        ArgumentNullException.ThrowIfNull(registry);
        string? named = SymbolNameOfFile(path);
        if (named is not null)
        {
            return registry.TryGet(named.AsSpan(), out SymbolId id) ? id : SymbolId.None;
        }

        return configuredSymbol;
    }

    /// <summary>The symbol a data.binance.vision style file name starts with (<c>ETHUSDT</c> of <c>ETHUSDT-trades-2024-08-08.zip</c>), or null.</summary>
    public static string? SymbolNameOfFile(string path)
    {
        string name = Path.GetFileName(path);
        int dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && IsSymbolLike(name.AsSpan(0, dash)) ? name[..dash] : null;
    }

    private static bool IsDigits(ReadOnlySpan<byte> s)
    {
        foreach (byte b in s)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSymbolLike(ReadOnlySpan<char> s)
    {
        if (s.Length < 5 || s.Length > SymbolRegistry.MaxSymbolLength)
        {
            return false;
        }

        foreach (char c in s)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
