namespace Engine.Model;

/// <summary>The venue's id for an order (Binance <c>orderId</c>); 0 until the venue has acknowledged it.</summary>
public readonly record struct OrderId(long Value)
{
    public static OrderId None => default;

    public bool IsNone => Value == 0;
}
