import CheckedNumbers
import Foundation
/// 选派单位 / 后盾单位: the government unit that sends instructors.
public struct SendingUnit: Sendable, Hashable, Identifiable {
  public var id: UnitID
  public var name: String
  /// Functions (工商, 税务, 环保 …); an instructor is a counterpart (对口) match
  /// for an organization whose industry one of them serves.
  public var functions: [String]

  public init(id: UnitID, name: String, functions: [String] = []) {
    self.id = id
    self.name = name
    self.functions = functions
  }
}

/// A township, street or industrial park, with its grid and station.
public struct Region: Sendable, Hashable, Identifiable {
  public var id: RegionID
  public var name: String
  /// The regional grid (区域网格) the region belongs to.
  public var grid: String?
  /// The guidance station (指导站) serving the region.
  public var station: String?
  /// A remote township (边远乡镇), whose coverage is reported apart.
  public var remote: Bool
  /// Regions next to this one (行业相近、地域相连).
  public var neighbours: [RegionID]
  /// Where the region lies (its seat), in degrees, for the maximum-distance reach rule.
  public var location: GeoPoint?

  public init(id: RegionID, name: String, grid: String? = nil, station: String? = nil, remote: Bool = false, neighbours: [RegionID] = [],
              location: GeoPoint? = nil) {
    self.id = id
    self.name = name
    self.grid = grid
    self.station = station
    self.remote = remote
    self.neighbours = neighbours
    self.location = location
  }
}

/// A point on the earth, in degrees (WGS-84 as read off a map).
public struct GeoPoint: Sendable, Hashable {
  public var latitude: Double
  public var longitude: Double

  public init(latitude: Double, longitude: Double) {
    self.latitude = latitude
    self.longitude = longitude
  }

  /// Great-circle (haversine) distance in metres, rounded to whole metres so that a
  /// distance limit decides the same way wherever it is computed; mean earth radius 6,371 km.
  public func metres(to other: GeoPoint) -> Int {
    let rad = Double.pi / 180
    let dLat = (other.latitude - latitude) * rad, dLon = (other.longitude - longitude) * rad
    let a = sin(dLat / 2) * sin(dLat / 2) + cos(latitude * rad) * cos(other.latitude * rad) * sin(dLon / 2) * sin(dLon / 2)
    // NaN or infinite coordinates (a point built in code; the reader and `NumberDomain` refuse
    // them) give half the earth's circumference (`min` drops the NaN), never a trap.
    return Int(clamping: 2 * 6_371_000 * asin(min(1, a.squareRoot())), .toNearestOrAwayFromZero, nan: .max)
  }
}
