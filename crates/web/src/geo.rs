//! The world's boundaries, from Natural Earth TopoJSON to compact SVG path data.
//!
//! Decoded once per process ([`world`]): the 110m file for every state it has, the 50m file for
//! the states 110m lacks (small island states, microstates), and `data/geo/dots.csv` for the few
//! Members in neither (Tuvalu). Arcs are delta-decoded and transformed as the TopoJSON
//! specification says (github.com/topojson/topojson-specification, §2.1.3 "Quantized
//! positions", §2.2 "arc indexes": a negative index `~i` is arc `i` reversed), projected with
//! Equal Earth, simplified per arc (so neighbours keep a shared border) and written as relative
//! path commands on an integer grid.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use plenary_rules::StateCode;
use plenary_rules::states::Registry;
use serde_json::Value;

/// Width of the map's coordinate grid (the SVG viewBox); 1 unit is about 40 km at the equator.
pub const WIDTH: f64 = 1000.0;
/// Douglas–Peucker tolerance in grid units: below a unit nothing shows at this scale.
const TOLERANCE: f64 = 0.7;
/// A state whose land covers fewer grid units than this is drawn as a dot as well, so that
/// it can be seen and hovered (Malta, Singapore, the Pacific and Caribbean island states).
const DOT_AREA: f64 = 12.0;
/// Radius of a small state's dot, in grid units.
pub const DOT_RADIUS: f64 = 2.6;

/// A bundled boundary file that cannot be read: file, place, and what was expected.
#[derive(Debug)]
pub struct GeoError {
    pub file: String,
    pub field: String,
    pub expected: String,
}

impl std::fmt::Display for GeoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: field `{}`: expected {}", self.file, self.field, self.expected)
    }
}
impl std::error::Error for GeoError {}

fn geo_err(file: &str, field: impl Into<String>, expected: &str) -> GeoError {
    GeoError { file: file.to_string(), field: field.into(), expected: expected.to_string() }
}

/// Equal Earth projection of (longitude, latitude) in degrees to projection units.
///
/// Šavrič, Patterson & Jenny (2018), "The Equal Earth map projection", International Journal of
/// Geographical Information Science 33(3), 454–465, doi:10.1080/13658816.2018.1504949, eq. 2:
/// θ = asin(√3/2 · sin φ);
/// x = 2√3 λ cos θ / (3 (9 A4 θ⁸ + 7 A3 θ⁶ + 3 A2 θ² + A1));
/// y = A4 θ⁹ + A3 θ⁷ + A2 θ³ + A1 θ,
/// with A1 = 1.340264, A2 = −0.081106, A3 = 0.000893, A4 = 0.003796. Equal-area, so a state's
/// share of the map is its share of the world: large states do not dominate by projection.
pub fn equal_earth(lon: f64, lat: f64) -> (f64, f64) {
    const A1: f64 = 1.340264;
    const A2: f64 = -0.081106;
    const A3: f64 = 0.000893;
    const A4: f64 = 0.003796;
    let m = 3f64.sqrt() / 2.0;
    let (lambda, phi) = (lon.to_radians(), lat.to_radians());
    let theta = (m * phi.sin()).asin();
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let x = lambda * theta.cos() / (m * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)));
    let y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    (x, y)
}

/// x of the projection at λ = 180°, φ = 0: half the width of the world.
fn x_max() -> f64 {
    equal_earth(180.0, 0.0).0
}

type Pt = (f64, f64);

/// One feature of a topology: its id and its polygons (rings of arc indexes).
struct Feature {
    id: Option<String>,
    name: String,
    polygons: Vec<Vec<Vec<i64>>>,
}

struct Topology {
    /// Arcs, decoded to degrees.
    arcs: Vec<Vec<Pt>>,
    features: Vec<Feature>,
}

fn as_f64(v: &Value, file: &str, field: &str) -> Result<f64, GeoError> {
    v.as_f64().ok_or_else(|| geo_err(file, field, "a number"))
}

/// Decodes a TopoJSON topology with an object `countries` (world-atlas's layout).
fn decode(file: &str, text: &str) -> Result<Topology, GeoError> {
    let root: Value = serde_json::from_str(text).map_err(|e| geo_err(file, "(document)", &format!("JSON ({e})")))?;
    let (scale, translate) = match root.get("transform") {
        Some(t) => {
            let s = t.get("scale").and_then(Value::as_array).ok_or_else(|| geo_err(file, "transform.scale", "[sx, sy]"))?;
            let tr = t.get("translate").and_then(Value::as_array).ok_or_else(|| geo_err(file, "transform.translate", "[tx, ty]"))?;
            if s.len() != 2 || tr.len() != 2 {
                return Err(geo_err(file, "transform", "two-element scale and translate"));
            }
            (
                (as_f64(&s[0], file, "transform.scale[0]")?, as_f64(&s[1], file, "transform.scale[1]")?),
                (as_f64(&tr[0], file, "transform.translate[0]")?, as_f64(&tr[1], file, "transform.translate[1]")?),
            )
        }
        None => ((1.0, 1.0), (0.0, 0.0)),
    };
    let quantized = root.get("transform").is_some();
    let raw_arcs = root.get("arcs").and_then(Value::as_array).ok_or_else(|| geo_err(file, "arcs", "an array of arcs"))?;
    let mut arcs = Vec::with_capacity(raw_arcs.len());
    for (i, arc) in raw_arcs.iter().enumerate() {
        let positions = arc.as_array().ok_or_else(|| geo_err(file, format!("arcs[{i}]"), "an array of positions"))?;
        let (mut x, mut y) = (0.0, 0.0);
        let mut pts = Vec::with_capacity(positions.len());
        for (j, p) in positions.iter().enumerate() {
            let field = format!("arcs[{i}][{j}]");
            let p = p.as_array().filter(|p| p.len() >= 2).ok_or_else(|| geo_err(file, &field, "[x, y]"))?;
            let (px, py) = (as_f64(&p[0], file, &field)?, as_f64(&p[1], file, &field)?);
            // §2.1.3: with a transform, each position is a delta from the previous one.
            if quantized {
                x += px;
                y += py;
            } else {
                (x, y) = (px, py);
            }
            pts.push((x * scale.0 + translate.0, y * scale.1 + translate.1));
        }
        unwrap_antimeridian(&mut pts);
        arcs.push(pts);
    }
    let geometries = root
        .pointer("/objects/countries/geometries")
        .and_then(Value::as_array)
        .ok_or_else(|| geo_err(file, "objects.countries.geometries", "an array of geometries"))?;
    let ring_list = |v: &Value, field: &str| -> Result<Vec<Vec<i64>>, GeoError> {
        let rings = v.as_array().ok_or_else(|| geo_err(file, field, "an array of rings"))?;
        rings
            .iter()
            .map(|r| {
                r.as_array()
                    .ok_or_else(|| geo_err(file, field, "a ring: an array of arc indexes"))?
                    .iter()
                    .map(|a| a.as_i64().ok_or_else(|| geo_err(file, field, "an integer arc index")))
                    .collect()
            })
            .collect()
    };
    let mut features = Vec::new();
    for (i, g) in geometries.iter().enumerate() {
        let field = format!("objects.countries.geometries[{i}]");
        let id = g.get("id").and_then(Value::as_str).map(str::to_string);
        let name = g.pointer("/properties/name").and_then(Value::as_str).unwrap_or_default().to_string();
        let arcs_v = g.get("arcs");
        let polygons = match (g.get("type").and_then(Value::as_str), arcs_v) {
            (Some("Polygon"), Some(a)) => vec![ring_list(a, &field)?],
            (Some("MultiPolygon"), Some(a)) => a
                .as_array()
                .ok_or_else(|| geo_err(file, &field, "MultiPolygon arcs: an array of polygons"))?
                .iter()
                .map(|p| ring_list(p, &field))
                .collect::<Result<_, _>>()?,
            (Some(_), _) | (None, _) => continue, // null geometries carry nothing to draw
        };
        for ring in polygons.iter().flatten() {
            for &a in ring {
                let idx = if a < 0 { !a } else { a };
                if idx as usize >= arcs.len() {
                    return Err(geo_err(file, &field, "arc indexes within the topology's arcs"));
                }
            }
        }
        features.push(Feature { id, name, polygons });
    }
    Ok(Topology { arcs, features })
}

/// Russia's and Fiji's rings cross ±180°: a jump of more than 180° of longitude between two
/// positions would draw a line across the whole map. Continue the arc past the antimeridian
/// and clamp it to the map's edge, where it runs along the border instead.
fn unwrap_antimeridian(pts: &mut [Pt]) {
    let mut shift = 0.0;
    for i in 1..pts.len() {
        let prev = pts[i - 1].0;
        let mut lon = pts[i].0 + shift;
        if lon - prev > 180.0 {
            shift -= 360.0;
            lon -= 360.0;
        } else if prev - lon > 180.0 {
            shift += 360.0;
            lon += 360.0;
        }
        pts[i].0 = lon;
    }
    for p in pts.iter_mut() {
        p.0 = p.0.clamp(-180.0, 180.0);
    }
}

/// Douglas–Peucker simplification of a polyline, keeping both ends.
fn simplify(pts: &[Pt], tol: f64) -> Vec<Pt> {
    if pts.len() <= 2 {
        return pts.to_vec();
    }
    let mut keep = vec![false; pts.len()];
    keep[0] = true;
    keep[pts.len() - 1] = true;
    let mut stack = vec![(0usize, pts.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        let (ax, ay) = pts[a];
        let (bx, by) = pts[b];
        let (dx, dy) = (bx - ax, by - ay);
        let len = (dx * dx + dy * dy).sqrt();
        let mut best = (0.0, 0);
        for (i, &(px, py)) in pts.iter().enumerate().take(b).skip(a + 1) {
            let d = if len == 0.0 {
                ((px - ax).powi(2) + (py - ay).powi(2)).sqrt()
            } else {
                ((px - ax) * dy - (py - ay) * dx).abs() / len
            };
            if d > best.0 {
                best = (d, i);
            }
        }
        if best.0 > tol {
            keep[best.1] = true;
            stack.push((a, best.1));
            stack.push((best.1, b));
        }
    }
    pts.iter().zip(keep).filter_map(|(p, k)| k.then_some(*p)).collect()
}

/// Signed area of a ring (shoelace formula).
fn ring_area(r: &[Pt]) -> f64 {
    let mut s = 0.0;
    for i in 0..r.len() {
        let (x1, y1) = r[i];
        let (x2, y2) = r[(i + 1) % r.len()];
        s += x1 * y2 - x2 * y1;
    }
    s / 2.0
}

/// One state (or territory) of the map, ready to draw.
#[derive(Clone, Debug)]
pub struct Shape {
    /// The state, when the geometry's ISO numeric id is one of the registry's states.
    pub code: Option<StateCode>,
    /// Natural Earth's name, for the few features that are not states of the registry.
    pub name: String,
    /// SVG path data on the integer grid ("" for a state drawn only as a dot).
    pub d: String,
    /// Centre of a dot for a state too small to see.
    pub dot: Option<(i32, i32)>,
}

/// The projected, simplified world.
#[derive(Debug)]
pub struct World {
    pub width: u32,
    pub height: u32,
    pub shapes: Vec<Shape>,
}

impl World {
    pub fn shape(&self, code: StateCode) -> Option<&Shape> {
        self.shapes.iter().find(|s| s.code == Some(code))
    }
}

/// Antarctica ("010") is left out: no state, and a fifth of the map's height.
const LEFT_OUT: [&str; 1] = ["010"];

const FILE_110M: &str = "data/geo/countries-110m.json";
const FILE_50M: &str = "data/geo/countries-50m.json";
const FILE_DOTS: &str = "data/geo/dots.csv";

/// The world map, decoded from the bundled files on first use.
pub fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        build(
            include_str!("../../../data/geo/countries-110m.json"),
            include_str!("../../../data/geo/countries-50m.json"),
            include_str!("../../../data/geo/dots.csv"),
        )
        // The files are part of the build and checked by the tests; they are not user input.
        .unwrap_or_else(|e| panic!("bundled map data: {e}"))
    })
}

/// State code by ISO 3166-1 numeric id, current states before former ones (CSK, YUG and SUN
/// have numeric codes of their own; Serbia's "688" must give SRB, not SCG).
fn numeric_index() -> HashMap<u16, StateCode> {
    let mut map = HashMap::new();
    let mut all: Vec<_> = Registry::bundled().all().filter(|s| s.iso_numeric.is_some()).collect();
    all.sort_by_key(|s| s.former);
    for s in all {
        map.entry(s.iso_numeric.unwrap_or_default()).or_insert(s.code);
    }
    map
}

/// Builds the world from the texts of the 110m and 50m topologies and the dots table.
pub fn build(text_110m: &str, text_50m: &str, dots_csv: &str) -> Result<World, GeoError> {
    let small = decode(FILE_110M, text_110m)?;
    let medium = decode(FILE_50M, text_50m)?;
    let by_numeric = numeric_index();
    let code_of = |id: &Option<String>| id.as_deref().and_then(|s| s.parse::<u16>().ok()).and_then(|n| by_numeric.get(&n).copied());

    let have: std::collections::HashSet<Option<String>> = small.features.iter().map(|f| f.id.clone()).collect();
    let from_medium: Vec<&Feature> = medium
        .features
        .iter()
        .filter(|f| f.id.is_some() && !have.contains(&f.id) && code_of(&f.id).is_some())
        .collect();

    let xm = x_max();
    // Scale so the world's width fills WIDTH; y flipped (SVG grows downwards).
    let s = WIDTH / (2.0 * xm);
    let project = |(lon, lat): Pt| {
        let (x, y) = equal_earth(lon, lat);
        ((x + xm) * s, -y * s)
    };

    struct Projected<'a> {
        code: Option<StateCode>,
        name: &'a str,
        rings: Vec<Vec<Pt>>,
        area: f64,
        centre: Pt,
    }
    let mut projected: Vec<Projected> = Vec::new();
    for (topo, feats) in [(&small, small.features.iter().collect::<Vec<_>>()), (&medium, from_medium)] {
        let arcs: Vec<Vec<Pt>> =
            topo.arcs.iter().map(|a| simplify(&a.iter().map(|p| project(*p)).collect::<Vec<_>>(), TOLERANCE)).collect();
        let full: Vec<Vec<Pt>> = topo.arcs.iter().map(|a| a.iter().map(|p| project(*p)).collect()).collect();
        for f in feats {
            if f.id.as_deref().is_some_and(|id| LEFT_OUT.contains(&id)) {
                continue;
            }
            let mut rings = Vec::new();
            let (mut area, mut best) = (0.0, (0.0, (0.0, 0.0)));
            for polygon in &f.polygons {
                for (k, ring) in polygon.iter().enumerate() {
                    let assemble = |src: &Vec<Vec<Pt>>| {
                        let mut pts: Vec<Pt> = Vec::new();
                        for &a in ring {
                            let arc = if a < 0 { src[!a as usize].iter().rev().copied().collect::<Vec<_>>() } else { src[a as usize].clone() };
                            // §2.2: consecutive arcs share their end and start positions.
                            let skip = usize::from(!pts.is_empty());
                            pts.extend(arc.into_iter().skip(skip));
                        }
                        pts
                    };
                    let exact = assemble(&full);
                    let a = ring_area(&exact).abs();
                    if k == 0 {
                        area += a;
                        if a >= best.0 {
                            let n = exact.len().max(1) as f64;
                            let c = exact.iter().fold((0.0, 0.0), |acc, p| (acc.0 + p.0 / n, acc.1 + p.1 / n));
                            best = (a, c);
                        }
                    } else {
                        area -= a;
                    }
                    rings.push(assemble(&arcs));
                }
            }
            projected.push(Projected { code: code_of(&f.id), name: &f.name, rings, area, centre: best.1 });
        }
    }
    // Members in neither file: a dot at the given place.
    let mut dots: Vec<(StateCode, Pt)> = Vec::new();
    for (i, line) in dots_csv.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.splitn(4, ',').collect();
        let field = format!("line {}", i + 1);
        let code = f.first().and_then(|c| StateCode::parse(c)).ok_or_else(|| geo_err(FILE_DOTS, format!("{field}: iso3"), "an ISO 3166-1 alpha-3 code"))?;
        let lon = f.get(1).and_then(|v| v.parse::<f64>().ok()).ok_or_else(|| geo_err(FILE_DOTS, format!("{field}: lon"), "degrees east, -180..180"))?;
        let lat = f.get(2).and_then(|v| v.parse::<f64>().ok()).ok_or_else(|| geo_err(FILE_DOTS, format!("{field}: lat"), "degrees north, -90..90"))?;
        dots.push((code, project((lon, lat))));
    }

    // Bounds of what is drawn, with a margin.
    let (mut y0, mut y1) = (f64::MAX, f64::MIN);
    for p in &projected {
        for &(_, y) in p.rings.iter().flatten() {
            y0 = y0.min(y);
            y1 = y1.max(y);
        }
    }
    let margin = 4.0;
    let dy = margin - y0;
    let height = (y1 - y0 + 2.0 * margin).ceil() as u32;

    let mut shapes = Vec::new();
    for p in projected {
        let d = path_data(&p.rings, dy);
        let dot = (p.code.is_some() && (p.area < DOT_AREA || d.is_empty())).then(|| (p.centre.0.round() as i32, (p.centre.1 + dy).round() as i32));
        shapes.push(Shape { code: p.code, name: p.name.to_string(), d, dot });
    }
    for (code, (x, y)) in dots {
        if shapes.iter().any(|s| s.code == Some(code)) {
            continue;
        }
        shapes.push(Shape { code: Some(code), name: code.to_string(), d: String::new(), dot: Some((x.round() as i32, (y + dy).round() as i32)) });
    }
    Ok(World { width: WIDTH as u32, height, shapes })
}

/// Rings as "M x y" then relative "l" moves on the integer grid, closed with "z"; rings that
/// collapse to fewer than three grid points are dropped.
fn path_data(rings: &[Vec<Pt>], dy: f64) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for ring in rings {
        let mut grid: Vec<(i32, i32)> = Vec::with_capacity(ring.len());
        for &(x, y) in ring {
            let p = (x.round() as i32, (y + dy).round() as i32);
            if grid.last() != Some(&p) {
                grid.push(p);
            }
        }
        if grid.len() > 1 && grid.first() == grid.last() {
            grid.pop();
        }
        if grid.len() < 3 {
            continue;
        }
        let (mut px, mut py) = grid[0];
        let _ = write!(out, "M{px} {py}l");
        let mut first = true;
        for &(x, y) in &grid[1..] {
            let (ddx, ddy) = (x - px, y - py);
            // A separator is needed only before a non-negative number.
            if !first && ddx >= 0 {
                out.push(' ');
            }
            let _ = write!(out, "{ddx}");
            if ddy >= 0 {
                out.push(' ');
            }
            let _ = write!(out, "{ddy}");
            (px, py) = (x, y);
            first = false;
        }
        out.push('z');
    }
    out
}

/// The states the map can show, for the tests and for callers that check coverage.
pub fn drawn_codes() -> BTreeMap<StateCode, bool> {
    world().shapes.iter().filter_map(|s| s.code.map(|c| (c, s.dot.is_some()))).collect()
}
