namespace Engine.Binance.Sources;

/// <summary>Why a source skipped an input line.</summary>
public enum LineFailure : byte
{
    None = 0,

    /// <summary>Fewer or more columns than the file's layout has.</summary>
    ColumnCount = 1,
    BadId = 2,
    BadPrice = 3,
    BadQuantity = 4,
    BadTime = 5,
    BadBoolean = 6,
    UnknownSymbol = 7,

    /// <summary>A count or statistic column (aggregated.csv Trades, AvgPrice) that is not a finite number.</summary>
    BadNumber = 8,

    /// <summary>A line longer than the reader's limit; it is skipped whole.</summary>
    LineTooLong = 9,

    /// <summary>A recorded frame whose JSON the parser refused (its reason is in the parser's own stats).</summary>
    BadFrame = 10,

    /// <summary>A recorded line without a valid <c>&lt;timestamp&gt; </c> prefix before its JSON.</summary>
    BadPrefix = 11,

    /// <summary>The file's first line is neither a known header nor data of a known layout: the file is not read.</summary>
    UnknownLayout = 12,
}
