namespace Engine.Model;

/// <summary>A closed bar holding exactly its threshold of base volume (or quote volume for dollar bars).</summary>
public struct VolumeBar
{
    public SymbolId Symbol;

    /// <summary>Running number of this bar for its symbol, from 0.</summary>
    public long Index;

    public Price Open;
    public Price High;
    public Price Low;
    public Price Close;
    public Quantity Volume;
    public Quantity BuyVolume;
    public Quantity SellVolume;
    public double Vwap;

    /// <summary>Exact quote volume Σ price.E8 × qty.E8 (scale 10^16): the measure of dollar bars.</summary>
    public Int128 QuoteVolumeE16;

    /// <summary>Trades with volume in this bar; a trade split across bars counts once in each of them.</summary>
    public int Trades;

    /// <summary>Trade time of the first and last trade in the bar, Unix epoch ms UTC.</summary>
    public long FirstTradeTimeMs;
    public long LastTradeTimeMs;

    public readonly Quantity Delta => BuyVolume - SellVolume;
}
