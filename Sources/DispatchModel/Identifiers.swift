/// Typed identifiers, so an instructor's id can never be passed where an
/// organization's is expected. They compare by their text (Swift's `String`
/// ordering), the order in which rows and columns of the model are built.
public protocol EntityID: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
  var rawValue: String { get }
  init(_ rawValue: String)
}

extension EntityID {
  public init(stringLiteral value: String) { self.init(value) }
  public var description: String { rawValue }
  public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

public struct InstructorID: EntityID {
  public let rawValue: String
  public init(_ rawValue: String) { self.rawValue = rawValue }
}

public struct OrganizationID: EntityID {
  public let rawValue: String
  public init(_ rawValue: String) { self.rawValue = rawValue }
}

public struct UnitID: EntityID {
  public let rawValue: String
  public init(_ rawValue: String) { self.rawValue = rawValue }
}

public struct RegionID: EntityID {
  public let rawValue: String
  public init(_ rawValue: String) { self.rawValue = rawValue }
}
