//! Streaming readers for the GeoNames dump formats and the point tables.
//!
//! Every reader works line by line (never holding a whole file), accepts a
//! `.gz` file transparently, and reports a malformed line as a
//! [`GeonamesError`] naming `path:line` through the caller's `bad` callback,
//! then carries on with the next line.
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;

use super::GeonamesError;

/// Opens `path` for buffered reading, decompressing it when its name ends in
/// `.gz`.
pub fn open(path: &Path) -> Result<Box<dyn BufRead>, GeonamesError> {
    let f = File::open(path).map_err(|e| GeonamesError::io(path, &e))?;
    let rdr: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(MultiGzDecoder::new(f))
    } else {
        Box::new(f)
    };
    Ok(Box::new(BufReader::with_capacity(1 << 16, rdr)))
}

/// Calls `f(line_number, line)` for each line of `path` (1-based numbers, line
/// ending and a leading byte-order mark removed). Lines that are not valid
/// UTF-8 are decoded lossily: GeoNames dumps are UTF-8, and one bad byte must
/// not hide the rest of a 1.5 GB file.
pub fn for_each_line(
    path: &Path,
    mut f: impl FnMut(u64, &str) -> Result<(), GeonamesError>,
) -> Result<(), GeonamesError> {
    let mut rdr = open(path)?;
    let mut buf = Vec::with_capacity(4096);
    let mut lineno = 0u64;
    loop {
        buf.clear();
        let n = rdr
            .read_until(b'\n', &mut buf)
            .map_err(|e| GeonamesError::io(path, &e))?;
        if n == 0 {
            return Ok(());
        }
        lineno += 1;
        while buf.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
            buf.pop();
        }
        let text = String::from_utf8_lossy(&buf);
        let line = text.strip_prefix('\u{feff}').unwrap_or(&text);
        f(lineno, line)?;
    }
}

/// One row of the 19-column GeoNames place table (`allCountries.txt`,
/// `cities500.txt`, ...), with only the fields the importer uses.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub geonameid: u64,
    pub name: String,
    pub asciiname: String,
    pub alternatenames: String,
    pub lat: f64,
    pub lon: f64,
    pub feature_class: String,
    pub feature_code: String,
    pub country: String,
    pub admin1: String,
    pub admin2: String,
    pub population: u64,
}

/// Parses one line of the place table; `Err` carries what is wrong.
pub fn parse_place(line: &str) -> Result<Place, String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 19 {
        return Err(format!(
            "expected 19 tab-separated columns, found {}",
            cols.len()
        ));
    }
    let geonameid = cols[0]
        .parse::<u64>()
        .map_err(|_| format!("geonameid {:?} is not an integer", cols[0]))?;
    let lat = parse_coord(cols[4], "latitude", 90.0)?;
    let lon = parse_coord(cols[5], "longitude", 180.0)?;
    let population = if cols[14].is_empty() {
        0
    } else {
        cols[14]
            .parse::<u64>()
            .map_err(|_| format!("population {:?} is not a non-negative integer", cols[14]))?
    };
    if cols[1].trim().is_empty() {
        return Err("empty name".to_string());
    }
    Ok(Place {
        geonameid,
        name: cols[1].trim().to_string(),
        asciiname: cols[2].trim().to_string(),
        alternatenames: cols[3].to_string(),
        lat,
        lon,
        feature_class: cols[6].to_string(),
        feature_code: cols[7].to_string(),
        country: cols[8].to_string(),
        admin1: cols[10].to_string(),
        admin2: cols[11].to_string(),
        population,
    })
}

/// Parses a decimal coordinate and checks it is within `[-limit, limit]`.
pub fn parse_coord(s: &str, what: &str, limit: f64) -> Result<f64, String> {
    let v = s
        .trim()
        .parse::<f64>()
        .map_err(|_| format!("{what} {s:?} is not a number"))?;
    if !v.is_finite() || v.abs() > limit {
        return Err(format!("{what} {s} out of range"));
    }
    Ok(v)
}

/// One row of `admin1CodesASCII.txt` or `admin2Codes.txt`:
/// `CC.ADM1[.ADM2]`, name, ASCII name, geonameid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdminCode {
    pub code: String,
    pub name: String,
    pub asciiname: String,
    pub geonameid: u64,
}

/// Parses one line of an admin code table. `parts` is 2 for admin1 codes
/// (`SY.09`) and 3 for admin2 codes (`US.KY.015`).
pub fn parse_admin_code(line: &str, parts: usize) -> Result<AdminCode, String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 4 {
        return Err(format!(
            "expected 4 tab-separated columns, found {}",
            cols.len()
        ));
    }
    let code = cols[0].trim();
    if code.split('.').count() != parts || code.split('.').any(str::is_empty) {
        return Err(format!(
            "code {code:?} is not of the form {}",
            if parts == 2 {
                "CC.ADM1"
            } else {
                "CC.ADM1.ADM2"
            }
        ));
    }
    let geonameid = cols[3]
        .trim()
        .parse::<u64>()
        .map_err(|_| format!("geonameid {:?} is not an integer", cols[3]))?;
    if cols[1].trim().is_empty() {
        return Err("empty name".to_string());
    }
    Ok(AdminCode {
        code: code.to_string(),
        name: cols[1].trim().to_string(),
        asciiname: cols[2].trim().to_string(),
        geonameid,
    })
}

/// One row of `countryInfo.txt` (lines starting with `#` are comments).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountryInfo {
    pub iso2: String,
    pub iso3: String,
    pub fips: String,
    pub name: String,
    pub population: u64,
    pub geonameid: Option<u64>,
}

/// Parses one non-comment line of `countryInfo.txt`.
pub fn parse_country_info(line: &str) -> Result<CountryInfo, String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() < 17 {
        return Err(format!(
            "expected at least 17 tab-separated columns, found {}",
            cols.len()
        ));
    }
    let iso2 = cols[0].trim();
    if iso2.len() != 2 || !iso2.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(format!("ISO code {iso2:?} is not two capital letters"));
    }
    let population = if cols[7].trim().is_empty() {
        0
    } else {
        cols[7]
            .trim()
            .parse::<u64>()
            .map_err(|_| format!("population {:?} is not an integer", cols[7]))?
    };
    let geonameid = match cols[16].trim() {
        "" => None,
        s => Some(
            s.parse::<u64>()
                .map_err(|_| format!("geonameid {s:?} is not an integer"))?,
        ),
    };
    Ok(CountryInfo {
        iso2: iso2.to_string(),
        iso3: cols[1].trim().to_string(),
        fips: cols[3].trim().to_string(),
        name: cols[4].trim().to_string(),
        population,
        geonameid,
    })
}

/// Reads every record of a small CSV with a header. A record with the wrong
/// number of fields is reported through `probs` as `path:line` and skipped.
pub(crate) fn read_csv(
    path: &Path,
    probs: &mut super::Problems,
) -> Result<(csv::StringRecord, Vec<(u64, csv::StringRecord)>), GeonamesError> {
    // Line numbers come from byte offsets: the csv crate's own line count
    // drifts on CRLF files. These tables are small, so read them whole.
    let text = read_to_string(path)?;
    let newlines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    let bytes = text.as_bytes();
    let line_at = |byte: u64| -> u64 {
        // A record's position can point at the end of the previous line.
        let mut b = byte as usize;
        while b < bytes.len() && (bytes[b] == b'\r' || bytes[b] == b'\n') {
            b += 1;
        }
        newlines.partition_point(|&i| i < b) as u64 + 1
    };
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| GeonamesError::at(path, 1, format!("bad header: {e}")))?
        .clone();
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(p.byte()));
                probs.bad(GeonamesError::at(path, line, e.to_string().to_lowercase()))?;
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| line_at(p.byte()));
        if rec.len() != headers.len() {
            probs.bad(GeonamesError::at(
                path,
                line,
                format!("expected {} fields, found {}", headers.len(), rec.len()),
            ))?;
            continue;
        }
        out.push((line, rec));
    }
    Ok((headers, out))
}

/// Index of `name` in `headers`, or an error naming the file.
pub fn column(
    headers: &csv::StringRecord,
    name: &str,
    path: &Path,
) -> Result<usize, GeonamesError> {
    headers
        .iter()
        .position(|h| h == name)
        .ok_or_else(|| GeonamesError::at(path, 1, format!("missing column {name:?}")))
}

/// Reads a whole (small) file to a string; `.gz` allowed.
pub fn read_to_string(path: &Path) -> Result<String, GeonamesError> {
    let mut s = String::new();
    open(path)?
        .read_to_string(&mut s)
        .map_err(|e| GeonamesError::io(path, &e))?;
    Ok(s)
}

/// `io::Error` for a path, for callers outside this module.
pub fn io_err(path: &Path, e: &io::Error) -> GeonamesError {
    GeonamesError::io(path, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_lines_are_file_lines() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.csv");
        std::fs::write(&p, "a,b\r\n\"1, x\",2\r\n\"3\n3\",4\r\n5\r\n6,7\r\n").unwrap();
        let mut probs = crate::import::geonames::Problems::new(false);
        let (_, recs) = read_csv(&p, &mut probs).unwrap();
        let lines: Vec<u64> = recs.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![2, 3, 6]);
        assert_eq!(probs.warnings.len(), 1);
        assert_eq!(probs.warnings[0].line(), Some(5));
    }
}
