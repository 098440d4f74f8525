import { cpfCheckDigits, curpCheckDigit, duiCheckDigit, type PersonDocumentType } from '../../../shared/documentTypes';

/**
 * The people behind the demo cases. Those with `image` are the holders printed on licensed
 * specimen documents (PassportEye, MIT; Ballerine set_1), entered with the specimen's data so
 * the document and the profile agree. The others are invented applicants from our markets.
 */
export interface DemoPerson {
  firstName: string;
  middleName?: string;
  lastName: string;
  dateOfBirth: string;
  country: string;
  city: string;
  state: string;
  street: string;
  zip: string;
  phone: string;
  document: { type: PersonDocumentType; number: string; cic?: string; identificadorCiudadano?: string };
  /** Front of the document, in resources/demo. */
  image?: string;
  backImage?: string;
  selfie?: string;
}

const curp = (first17: string) => `${first17}${curpCheckDigit(first17)}`;
const cpf = (first9: string) => `${first9}${cpfCheckDigits(first9)}`;
const dui = (first8: string) => `${first8}${duiCheckDigit(first8)}`;

export const SPECIMEN_PEOPLE: DemoPerson[] = [
  { firstName: 'John', middleName: 'Lee', lastName: 'Doe', dateOfBirth: '1986-10-16', country: 'CA', city: 'Anytown', state: 'QC', street: '123 Anywhere Street', zip: 'H3A 1S8', phone: '+14165550199', document: { type: 'DRIVER_LICENSE', number: 'L1234-123456-12' }, image: 'set1_doc_front.png', backImage: 'set1_doc_back.png', selfie: 'set1_selfie.png' },
  { firstName: 'Erika', lastName: 'Mustermann', dateOfBirth: '1964-08-12', country: 'DE', city: 'Köln', state: 'NRW', street: 'Heidestraße 17', zip: '51147', phone: '+4915123456789', document: { type: 'PASSPORT', number: 'CA000000' }, image: 'pe_100_pass-bdr.jpg' },
  { firstName: 'Loes', middleName: 'Albertine', lastName: 'Meulendijk', dateOfBirth: '1971-10-19', country: 'NL', city: 'Den Haag', state: 'Zuid-Holland', street: 'Lange Voorhout 9', zip: '2514 EA', phone: '+31612345678', document: { type: 'PASSPORT', number: 'XA0000014' }, image: 'pe_98_pass-nld.jpg' },
  { firstName: 'Sarah', lastName: 'Martin', dateOfBirth: '1985-01-01', country: 'CA', city: 'Ottawa', state: 'ON', street: '90 Sparks St', zip: 'K1P 5B4', phone: '+14165550123', document: { type: 'PASSPORT', number: 'ZE000509' }, image: 'pe_79_pass-can.jpg' },
  { firstName: 'Mei', middleName: 'Hua', lastName: 'Lin', dateOfBirth: '1976-01-01', country: 'TW', city: 'Taipei', state: 'Taipei', street: 'No. 7 Xinyi Rd Sec 5', zip: '110', phone: '+886912345678', document: { type: 'PASSPORT', number: '000000000' }, image: 'pe_100_pass-chn.jpg' },
  { firstName: 'Quo', lastName: 'Vadis', dateOfBirth: '1981-02-28', country: 'CH', city: 'Bern', state: 'BE', street: 'Bundesplatz 3', zip: '3005', phone: '+41781234567', document: { type: 'NATIONAL_ID', number: 'S0002068' }, image: 'pe_100_id-che.jpg' },
  { firstName: 'Anna', lastName: 'Kowalska', dateOfBirth: '1972-03-30', country: 'PL', city: 'Warszawa', state: 'Mazowieckie', street: 'ul. Marszałkowska 84', zip: '00-514', phone: '+48512345678', document: { type: 'PASSPORT', number: 'ZS0000177' }, image: 'pe_62_pass-pol.png' },
  { firstName: 'Maria', middleName: 'Olivia', lastName: 'Virtanen', dateOfBirth: '1971-12-21', country: 'FI', city: 'Helsinki', state: 'Uusimaa', street: 'Mannerheimintie 5', zip: '00100', phone: '+358401234567', document: { type: 'PASSPORT', number: 'XP8271602' }, image: 'pe_100_pass-fin.png' },
  { firstName: 'Erika', lastName: 'Mustermann-Berg', dateOfBirth: '1964-08-12', country: 'DE', city: 'Berlin', state: 'Berlin', street: 'Friedrichstraße 43', zip: '10117', phone: '+4915123456780', document: { type: 'NATIONAL_ID', number: 'T22000129' }, image: 'pe_53_id-d.jpg' },
];

export const APPLICANTS: DemoPerson[] = [
  { firstName: 'Valentina', lastName: 'Restrepo Gómez', dateOfBirth: '1992-04-12', country: 'CO', city: 'Bogotá', state: 'Cundinamarca', street: 'Carrera 7 # 71-21', zip: '110231', phone: '+573001234567', document: { type: 'NUIP', number: '1020304050' } },
  { firstName: 'Santiago', lastName: 'Morales Ríos', dateOfBirth: '1988-09-03', country: 'CO', city: 'Medellín', state: 'Antioquia', street: 'Calle 10 # 43E-31', zip: '050021', phone: '+573104567890', document: { type: 'NUIP', number: '1037612345' } },
  { firstName: 'Camila', lastName: 'Herrera Duque', dateOfBirth: '1995-12-22', country: 'CO', city: 'Cali', state: 'Valle del Cauca', street: 'Avenida 6N # 23-45', zip: '760045', phone: '+573157654321', document: { type: 'PASSPORT', number: 'AQ5281934' } },
  { firstName: 'Andrés', middleName: 'Felipe', lastName: 'Castaño', dateOfBirth: '1979-02-17', country: 'CO', city: 'Barranquilla', state: 'Atlántico', street: 'Carrera 53 # 82-86', zip: '080020', phone: '+573205551234', document: { type: 'DRIVER_LICENSE', number: '72198455' } },
  { firstName: 'Mariana', lastName: 'Ospina Vélez', dateOfBirth: '2001-07-30', country: 'CO', city: 'Bucaramanga', state: 'Santander', street: 'Calle 36 # 27-52', zip: '680003', phone: '+573012223344', document: { type: 'NUIP', number: '1098765432' } },
  { firstName: 'Julián', lastName: 'Pardo Quintero', dateOfBirth: '1984-11-05', country: 'CO', city: 'Pereira', state: 'Risaralda', street: 'Carrera 8 # 20-55', zip: '660002', phone: '+573118889900', document: { type: 'NUIP', number: '1088234567' } },
  { firstName: 'Ximena', lastName: 'García López', dateOfBirth: '1990-05-14', country: 'MX', city: 'Ciudad de México', state: 'CDMX', street: 'Av. Paseo de la Reforma 222', zip: '06600', phone: '+525512345678', document: { type: 'CURP', number: curp('GALX900514MDFRPM0') } },
  { firstName: 'Diego', lastName: 'Hernández Ruiz', dateOfBirth: '1986-10-02', country: 'MX', city: 'Guadalajara', state: 'Jalisco', street: 'Av. Vallarta 1525', zip: '44130', phone: '+523312345678', document: { type: 'INE', number: 'HRRZDG86100214H500', cic: '213456789', identificadorCiudadano: '098765432' } },
  { firstName: 'Fernanda', lastName: 'Torres Medina', dateOfBirth: '1993-03-21', country: 'MX', city: 'Monterrey', state: 'Nuevo León', street: 'Av. Constitución 405', zip: '64000', phone: '+528112345678', document: { type: 'RFC', number: 'TOMF930321KX5' } },
  { firstName: 'Emiliano', lastName: 'Ramírez Soto', dateOfBirth: '1975-08-09', country: 'MX', city: 'Puebla', state: 'Puebla', street: 'Calle 5 de Mayo 12', zip: '72000', phone: '+522221234567', document: { type: 'CURP', number: curp('RASE750809HPLMTM0') } },
  { firstName: 'Regina', lastName: 'Navarro Peña', dateOfBirth: '1998-01-27', country: 'MX', city: 'Querétaro', state: 'Querétaro', street: 'Av. Universidad 210', zip: '76000', phone: '+524421234567', document: { type: 'IFE', number: 'NVPNRG98012722M100' } },
  { firstName: 'Michael', lastName: 'Thompson', dateOfBirth: '1982-06-11', country: 'US', city: 'Miami', state: 'FL', street: '1450 Brickell Ave', zip: '33131', phone: '+13055550142', document: { type: 'SSN', number: '512-47-8812' } },
  { firstName: 'Jennifer', lastName: 'Walsh', dateOfBirth: '1977-09-25', country: 'US', city: 'New York', state: 'NY', street: '350 5th Ave', zip: '10118', phone: '+12125550123', document: { type: 'PASSPORT', number: '561234987' } },
  { firstName: 'Carlos', lastName: 'Mendoza', dateOfBirth: '1990-12-03', country: 'US', city: 'Houston', state: 'TX', street: '811 Main St', zip: '77002', phone: '+17135550188', document: { type: 'DRIVER_LICENSE', number: '41872236' } },
  { firstName: 'Ashley', lastName: 'Nguyen', dateOfBirth: '1996-04-08', country: 'US', city: 'San Jose', state: 'CA', street: '200 E Santa Clara St', zip: '95113', phone: '+14085550177', document: { type: 'SSN', number: '623-18-4409' } },
  { firstName: 'Lucas', lastName: 'Oliveira Santos', dateOfBirth: '1989-02-14', country: 'BR', city: 'São Paulo', state: 'SP', street: 'Av. Paulista 1578', zip: '01310-200', phone: '+5511987654321', document: { type: 'CPF', number: cpf('529982247') } },
  { firstName: 'Beatriz', lastName: 'Costa Lima', dateOfBirth: '1994-08-19', country: 'BR', city: 'Rio de Janeiro', state: 'RJ', street: 'Rua Visconde de Pirajá 351', zip: '22410-003', phone: '+5521998765432', document: { type: 'CPF', number: cpf('168995350') } },
  { firstName: 'Rafael', lastName: 'Almeida Souza', dateOfBirth: '1983-05-30', country: 'BR', city: 'Belo Horizonte', state: 'MG', street: 'Av. Afonso Pena 1212', zip: '30130-005', phone: '+5531987651234', document: { type: 'CPF', number: cpf('390533447') } },
  { firstName: 'José', middleName: 'Roberto', lastName: 'Martínez', dateOfBirth: '1980-10-10', country: 'SV', city: 'San Salvador', state: 'San Salvador', street: 'Paseo General Escalón 3700', zip: '01101', phone: '+50371234567', document: { type: 'DUI', number: dui('04567812') } },
  { firstName: 'Gabriela', lastName: 'Flores', dateOfBirth: '1997-03-03', country: 'SV', city: 'Santa Ana', state: 'Santa Ana', street: 'Calle Libertad 15', zip: '02201', phone: '+50376543210', document: { type: 'DUI', number: dui('05893421') } },
  { firstName: 'Martín', lastName: 'Fernández', dateOfBirth: '1987-07-07', country: 'AR', city: 'Buenos Aires', state: 'CABA', street: 'Av. Corrientes 1234', zip: 'C1043', phone: '+5491123456789', document: { type: 'DNI', number: '33456789' } },
  { firstName: 'Lucía', lastName: 'Quispe Mamani', dateOfBirth: '1991-11-11', country: 'PE', city: 'Lima', state: 'Lima', street: 'Av. José Larco 345', zip: '15074', phone: '+51987654321', document: { type: 'DNI', number: '45678912' } },
  { firstName: 'Tomás', lastName: 'Rojas Vidal', dateOfBirth: '1985-01-20', country: 'CL', city: 'Santiago', state: 'RM', street: 'Av. Apoquindo 3000', zip: '7550000', phone: '+56912345678', document: { type: 'PASSPORT', number: 'F12345678' } },
  { firstName: 'Isabella', lastName: 'Vargas Mora', dateOfBirth: '1999-09-09', country: 'CR', city: 'San José', state: 'San José', street: 'Avenida Central 240', zip: '10101', phone: '+50688123456', document: { type: 'NATIONAL_ID', number: '1-1234-0567' } },
  { firstName: 'Sebastián', lastName: 'Cárdenas Pinto', dateOfBirth: '1978-04-04', country: 'CO', city: 'Cartagena', state: 'Bolívar', street: 'Calle del Arsenal 10-43', zip: '130001', phone: '+573006667788', document: { type: 'NUIP', number: '1047456123' } },
  { firstName: 'Paula', lastName: 'Jiménez Arango', dateOfBirth: '1993-06-06', country: 'CO', city: 'Manizales', state: 'Caldas', street: 'Carrera 23 # 64-15', zip: '170004', phone: '+573143332211', document: { type: 'NUIP', number: '1053789012' } },
  { firstName: 'Alejandro', lastName: 'Ortiz Vega', dateOfBirth: '1981-12-12', country: 'MX', city: 'Mérida', state: 'Yucatán', street: 'Calle 60 No. 491', zip: '97000', phone: '+529991234567', document: { type: 'PASSPORT', number: 'G28374651' } },
  { firstName: 'Daniela', lastName: 'Silva Pereira', dateOfBirth: '1996-02-29', country: 'BR', city: 'Curitiba', state: 'PR', street: 'Rua XV de Novembro 700', zip: '80020-310', phone: '+5541987659876', document: { type: 'CPF', number: cpf('741852963') } },
  { firstName: 'Robert', lastName: 'Kim', dateOfBirth: '1970-03-15', country: 'US', city: 'Chicago', state: 'IL', street: '233 S Wacker Dr', zip: '60606', phone: '+13125550166', document: { type: 'SSN', number: '401-22-7789' } },
  { firstName: 'Natalia', lastName: 'Londoño Castro', dateOfBirth: '1989-08-08', country: 'CO', city: 'Medellín', state: 'Antioquia', street: 'Carrera 43A # 1-50', zip: '050021', phone: '+573017778899', document: { type: 'NUIP', number: '1017223344' } },
  { firstName: 'Hugo', lastName: 'Benítez Aguilar', dateOfBirth: '1974-05-25', country: 'MX', city: 'Tijuana', state: 'Baja California', street: 'Blvd. Agua Caliente 4558', zip: '22014', phone: '+526641234567', document: { type: 'CURP', number: curp('BEAH740525HBCNGG0') } },
  { firstName: 'Elena', lastName: 'Rossi', dateOfBirth: '1986-11-30', country: 'IT', city: 'Milano', state: 'MI', street: 'Via Montenapoleone 8', zip: '20121', phone: '+393471234567', document: { type: 'PASSPORT', number: 'YA1234567' } },
];

export interface DemoCompany {
  companyName: string;
  tradeName: string;
  legalStructure: 'LLC' | 'C_CORP_PRIVATE' | 'S_CORP' | 'SOLE_PROP' | 'NON_PROFIT';
  establishedOn: string;
  naics: string;
  country: string;
  city: string;
  state: string;
  street: string;
  zip: string;
  phone: string;
  document: { type: 'NIT' | 'RFC' | 'EIN' | 'CNPJ'; number: string };
  /** Index into APPLICANTS of the main owner. */
  owner: number;
}

export const COMPANIES: DemoCompany[] = [
  { companyName: 'Andes Trading S.A.S.', tradeName: 'Andes Trading', legalStructure: 'LLC', establishedOn: '2015-03-01', naics: '423990', country: 'CO', city: 'Bogotá', state: 'Cundinamarca', street: 'Calle 93 # 11-26', zip: '110221', phone: '+576015555555', document: { type: 'NIT', number: '900123456-7' }, owner: 0 },
  { companyName: 'Café Pacífico Exportadores S.A.S.', tradeName: 'Café Pacífico', legalStructure: 'C_CORP_PRIVATE', establishedOn: '2009-08-15', naics: '311920', country: 'CO', city: 'Medellín', state: 'Antioquia', street: 'Carrera 43A # 7-50', zip: '050022', phone: '+576043334455', document: { type: 'NIT', number: '811045678-2' }, owner: 1 },
  { companyName: 'Logística del Bajío S.A. de C.V.', tradeName: 'LogiBajío', legalStructure: 'C_CORP_PRIVATE', establishedOn: '2012-01-10', naics: '488510', country: 'MX', city: 'León', state: 'Guanajuato', street: 'Blvd. Adolfo López Mateos 1102', zip: '37000', phone: '+524771234567', document: { type: 'RFC', number: 'LBA120110QW3' }, owner: 7 },
  { companyName: 'Brickell Remittance Partners LLC', tradeName: 'BRP', legalStructure: 'LLC', establishedOn: '2018-05-22', naics: '522390', country: 'US', city: 'Miami', state: 'FL', street: '801 Brickell Ave', zip: '33131', phone: '+13055550100', document: { type: 'EIN', number: '83-1234567' }, owner: 12 },
  { companyName: 'Paulista Tecnologia Ltda.', tradeName: 'PaulistaTec', legalStructure: 'LLC', establishedOn: '2016-11-03', naics: '541511', country: 'BR', city: 'São Paulo', state: 'SP', street: 'Rua Funchal 418', zip: '04551-060', phone: '+551130001234', document: { type: 'CNPJ', number: '12.345.678/0001-95' }, owner: 15 },
];
