using System.Diagnostics.CodeAnalysis;

namespace ShuttlePro.Core.Common;

/// <summary>The outcome of a Core operation: a value, or the <see cref="Problem"/> that refused it.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Problem? problem)
    {
        Value = value;
        Problem = problem;
    }

    public T? Value { get; }
    public Problem? Problem { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    public static Result<T> Success(T value) => new(value, null);
    public static Result<T> Failure(Problem problem) => new(default, problem);

    public static implicit operator Result<T>(T value) => Success(value);
    public static implicit operator Result<T>(Problem problem) => Failure(problem);

    public Result<TOut> Map<TOut>(Func<T, TOut> map) =>
        Succeeded ? Result<TOut>.Success(map(Value)) : Result<TOut>.Failure(Problem);
}

/// <summary>A refusal raised inside an entity; services turn it into a <see cref="Result{T}"/>.</summary>
public sealed class DomainException(Problem problem) : Exception(problem.Message)
{
    public Problem Problem { get; } = problem;
}
